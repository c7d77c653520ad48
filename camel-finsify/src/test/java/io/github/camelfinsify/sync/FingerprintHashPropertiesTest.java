package io.github.camelfinsify.sync;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelfinsify.model.Transaction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction's content hash is the one every stored state holds: FNV-1a over the UTF-8 bytes of its fields joined by
 * U+0001. Whatever the text (accents, emoji, lone surrogates), it stays that hash, or every account would see its
 * whole window as modified after an upgrade.
 */
class FingerprintHashPropertiesTest {

    /** The hash as stored states have it: the fields joined into one string, then its bytes. */
    private static long storedHash(Transaction tx) {
        BigDecimal amount = tx.amount() == null ? null : tx.amount().stripTrailingZeros();
        String canonical = String.join("\u0001", Objects.toString(tx.date()),
                amount == null ? "" : amount.toPlainString(), Objects.toString(tx.currency(), ""),
                Objects.toString(tx.description(), ""), Objects.toString(tx.category(), ""),
                Objects.toString(tx.originalId(), ""), tx.meta() == null ? "" : tx.meta().toString());
        long hash = 0xcbf29ce484222325L;
        for (byte b : canonical.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    @Property(tries = 2000)
    void theHashIsTheOneOfTheJoinedFieldsBytes(@ForAll("texts") String description, @ForAll("texts") String category,
                                               @ForAll("texts") String originalId, @ForAll("texts") String metaValue,
                                               @ForAll boolean withDate, @ForAll boolean withMeta) {
        Transaction tx = new Transaction(42, originalId.isEmpty() ? null : originalId,
                withDate ? LocalDate.of(2026, 11, 20) : null, new BigDecimal("-61299.00"), "VND", description,
                category.isEmpty() ? null : category,
                withMeta ? JsonNodeFactory.instance.objectNode().put("note", metaValue) : null);

        assertThat(SyncState.Fingerprint.of(tx).hash()).isEqualTo(storedHash(tx));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("GD THE QUA POS", "Cà phê sữa đá", "Überweisung €", "🍜 phở", "\uD83D", "a\uDC00b"));
    }
}
