package io.github.camelfinsify.sync;

import java.time.LocalDate;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored form: a compact state is exactly what the first release wrote (or every known transaction would look
 * new after an upgrade), and a mid-session checkpoint, however its edits interleave, reads as the state it saved.
 */
class SyncStateEncodingPropertiesTest {

    @Property(tries = 2_000)
    void decodingTheEncodedStateGivesTheSameState(@ForAll("fingerprints") List<SyncState.Fingerprint> fingerprints,
                                                  @ForAll("cursors") LocalDate cursor) {
        SyncState state = SyncState.empty();
        state.cursor(cursor);
        fingerprints.forEach(state::put);

        SyncState read = SyncState.decode(state.encode());

        assertThat(read.cursor()).isEqualTo(cursor);
        assertThat(read.fingerprints()).containsExactlyInAnyOrderElementsOf(state.fingerprints());
    }

    @Property(tries = 2_000)
    void theStoredFormIsTheOneWrittenWithLongToString(@ForAll("fingerprints") List<SyncState.Fingerprint> fingerprints) {
        SyncState state = SyncState.empty();
        fingerprints.forEach(state::put);
        StringBuilder legacy = new StringBuilder("v1||");
        for (SyncState.Fingerprint fp : state.fingerprints()) {
            legacy.append(Long.toString(fp.id(), 36)).append(':').append(Long.toString(fp.epochDay(), 36)).append(':')
                    .append(Long.toString(fp.hash(), 36)).append(';');
        }
        String expected = state.size() == 0 ? "v1||" : legacy.substring(0, legacy.length() - 1);

        assertThat(state.encode()).isEqualTo(expected);
        assertThat(SyncState.decode(expected).fingerprints()).containsExactlyInAnyOrderElementsOf(fingerprints);
    }

    @Property(tries = 2_000)
    void everyCheckpointReadsAsTheStateItSaved(@ForAll("fingerprints") List<SyncState.Fingerprint> known,
                                               @ForAll("edits") List<Edit> edits) {
        SyncState state = SyncState.empty();
        known.forEach(state::put);
        state = SyncState.decode(state.encode()); // a session starts from a stored value
        for (Edit edit : edits) {
            switch (edit.kind()) {
                case PUT -> state.put(edit.fingerprint());
                case REMOVE -> state.remove(edit.fingerprint().id());
                case CHECKPOINT -> assertThat(SyncState.decode(state.checkpoint()).fingerprints())
                        .containsExactlyInAnyOrderElementsOf(state.fingerprints());
            }
        }

        assertThat(SyncState.decode(state.checkpoint()).fingerprints())
                .containsExactlyInAnyOrderElementsOf(state.fingerprints());
        assertThat(SyncState.decode(state.encode()).fingerprints())
                .containsExactlyInAnyOrderElementsOf(state.fingerprints());
    }

    enum EditKind { PUT, REMOVE, CHECKPOINT }

    record Edit(EditKind kind, SyncState.Fingerprint fingerprint) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        // few ids, so edits hit known transactions, each other's, and ids not known at all
        Arbitrary<SyncState.Fingerprint> fingerprint = Combinators.combine(
                Arbitraries.longs().between(0, 30), Arbitraries.longs().between(0, 100_000), Arbitraries.longs())
                .as(SyncState.Fingerprint::new);
        return Combinators.combine(Arbitraries.of(EditKind.class), fingerprint).as(Edit::new).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<SyncState.Fingerprint>> fingerprints() {
        Arbitrary<SyncState.Fingerprint> fingerprint = Combinators.combine(
                Arbitraries.longs().between(0, 60), Arbitraries.longs().between(-1, 100_000), Arbitraries.longs())
                .as(SyncState.Fingerprint::new);
        return fingerprint.list().ofMaxSize(20).uniqueElements(SyncState.Fingerprint::id);
    }

    @Provide
    Arbitrary<LocalDate> cursors() {
        return Arbitraries.longs().between(0, 100_000).map(LocalDate::ofEpochDay).injectNull(0.1);
    }
}
