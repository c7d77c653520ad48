package io.github.camelfinsify;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.github.camelfinsify.model.Transaction;

/**
 * What the sync feed knows of one account: the day up to which it completed a sync (the cursor) and a fingerprint
 * (id, date, content hash) of every transaction inside the look-back window. Only the window is kept, never the
 * history, so the state stays small; it is stored as one compact string in a Camel {@code StateRepository}.
 */
final class SyncState {

    private static final String VERSION = "v1";

    private LocalDate cursor;
    private final Map<Long, Fingerprint> fingerprints;

    private SyncState(LocalDate cursor, Map<Long, Fingerprint> fingerprints) {
        this.cursor = cursor;
        this.fingerprints = fingerprints;
    }

    static SyncState empty() {
        return new SyncState(null, new HashMap<>());
    }

    /**
     * Reads a stored state; {@code null} or a value of another version is a fresh start. A damaged value throws: the
     * caller decides.
     */
    static SyncState decode(String stored) {
        if (stored == null || !stored.startsWith(VERSION + "|")) {
            return empty();
        }
        String[] parts = stored.split("\\|", 3);
        LocalDate cursor = parts[1].isEmpty() ? null : LocalDate.ofEpochDay(Long.parseLong(parts[1], 36));
        Map<Long, Fingerprint> fingerprints = new HashMap<>();
        if (parts.length == 3 && !parts[2].isEmpty()) {
            for (String entry : parts[2].split(";")) {
                String[] fields = entry.split(":");
                long id = Long.parseLong(fields[0], 36);
                fingerprints.put(id, new Fingerprint(id, Long.parseLong(fields[1], 36), Long.parseLong(fields[2], 36)));
            }
        }
        return new SyncState(cursor, fingerprints);
    }

    String encode() {
        StringBuilder sb = new StringBuilder(16 + fingerprints.size() * 24).append(VERSION).append('|');
        if (cursor != null) {
            sb.append(Long.toString(cursor.toEpochDay(), 36));
        }
        sb.append('|');
        boolean first = true;
        for (Fingerprint fp : fingerprints.values()) {
            if (!first) {
                sb.append(';');
            }
            first = false;
            sb.append(Long.toString(fp.id(), 36)).append(':').append(Long.toString(fp.epochDay(), 36)).append(':')
                    .append(Long.toString(fp.hash(), 36));
        }
        return sb.toString();
    }

    LocalDate cursor() {
        return cursor;
    }

    void cursor(LocalDate cursor) {
        this.cursor = cursor;
    }

    Fingerprint get(long id) {
        return fingerprints.get(id);
    }

    Iterable<Fingerprint> fingerprints() {
        return fingerprints.values();
    }

    int size() {
        return fingerprints.size();
    }

    void put(Fingerprint fingerprint) {
        fingerprints.put(fingerprint.id(), fingerprint);
    }

    void remove(long id) {
        fingerprints.remove(id);
    }

    /** Forgets transactions dated before {@code oldest}: no future window reaches them. */
    void pruneBefore(LocalDate oldest) {
        long day = oldest.toEpochDay();
        fingerprints.values().removeIf(fp -> fp.epochDay() < day);
    }

    /** One transaction as the feed last delivered it. */
    record Fingerprint(long id, long epochDay, long hash) {

        static Fingerprint of(Transaction tx) {
            return new Fingerprint(tx.id(), tx.date() == null ? 0 : tx.date().toEpochDay(), contentHash(tx));
        }

        LocalDate date() {
            return LocalDate.ofEpochDay(epochDay);
        }

        /** FNV-1a over the fields a bank may change; amounts compare by value, so "-1.0" and "-1.00" are equal. */
        private static long contentHash(Transaction tx) {
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
    }
}
