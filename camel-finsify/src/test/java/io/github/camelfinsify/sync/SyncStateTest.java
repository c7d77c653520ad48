package io.github.camelfinsify.sync;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

import io.github.camelfinsify.ChangeType;
import io.github.camelfinsify.model.Transaction;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sync state's stored form: compact, lossless, and a damaged value never blocks the feed.
 */
class SyncStateTest {

    private static Transaction tx(long id, String amount, String description) {
        return new Transaction(id, "orig-" + id, LocalDate.of(2026, 11, 20), new BigDecimal(amount), "VND",
                description, "shopping", null);
    }

    @Test
    void encodeThenDecodeKeepsCursorAndFingerprints() {
        SyncState state = SyncState.empty();
        state.cursor(LocalDate.of(2026, 11, 23));
        state.put(SyncState.Fingerprint.of(tx(4116357, "-61299.00", "GD THE QUA POS")));
        state.put(SyncState.Fingerprint.of(tx(4116358, "-23450.00", "UBER")));

        SyncState read = SyncState.decode(state.encode());

        assertThat(read.cursor()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(read.size()).isEqualTo(2);
        assertThat(read.get(4116357)).isEqualTo(state.get(4116357));
    }

    @Test
    void amountsCompareByValueAndOtherContentChangesTheFingerprint() {
        SyncState.Fingerprint original = SyncState.Fingerprint.of(tx(1, "-61299.00", "UBER"));

        assertThat(SyncState.Fingerprint.of(tx(1, "-61299.0", "UBER")).hash()).isEqualTo(original.hash());
        assertThat(SyncState.Fingerprint.of(tx(1, "-61299.01", "UBER")).hash()).isNotEqualTo(original.hash());
        assertThat(SyncState.Fingerprint.of(tx(1, "-61299.00", "UBER TRIP")).hash()).isNotEqualTo(original.hash());
    }

    @Test
    void aStateStoredByAnEarlierVersionReadsTheSame() {
        // written by the first release's encoder (Long.toString(x, 36) of cursor, id, epoch day, hash)
        SyncState read = SyncState.decode("v1|kn6|2g:kn2:-1y2p0ij32e8e8;2f:kn3:7x1");

        assertThat(read.cursor()).isEqualTo(LocalDate.ofEpochDay(Long.parseLong("kn6", 36)));
        assertThat(read.fingerprints()).containsExactlyInAnyOrder(
                new SyncState.Fingerprint(Long.parseLong("2g", 36), Long.parseLong("kn2", 36),
                        Long.parseLong("-1y2p0ij32e8e8", 36)),
                new SyncState.Fingerprint(Long.parseLong("2f", 36), Long.parseLong("kn3", 36), Long.parseLong("7x1", 36)));
    }

    @Test
    void damagedValueThrowsInsteadOfReadingGarbage() {
        assertThatThrownBy(() -> SyncState.decode("v1||2cu84u5vkfp:g18")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> SyncState.decode("v1|kn6")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> SyncState.decode("v1||2g:kn2:zz;2f")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> SyncState.decode("v1||2g:kn2:")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void damagedStoredStateStartsTheAccountAfreshInsteadOfBlockingTheFeed() {
        StateRepository<String, String> repository = new MemoryStateRepository();
        repository.setState(TransactionSync.stateKey(19301), "v1||2cu84u5vkfp:g18");
        TransactionSync sync = new TransactionSync(repository, 14, LocalDate.of(2026, 11, 1),
                Set.of(ChangeType.values()), Clock.systemUTC());

        SyncState state = sync.readState(19301);

        assertThat(state.cursor()).isNull();
        assertThat(state.size()).isZero();
    }
}
