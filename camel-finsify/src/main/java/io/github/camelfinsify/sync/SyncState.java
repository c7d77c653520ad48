package io.github.camelfinsify.sync;

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
public final class SyncState {

    private static final String VERSION = "v1";

    private LocalDate cursor;
    private final Map<Long, Fingerprint> fingerprints;
    /** The value last stored or read, while it plus the journal still reads as this state; else null. */
    private String stored;
    /** The entries changed since {@link #stored}, each with its leading separator. */
    private final StringBuilder journal = new StringBuilder();

    private SyncState(LocalDate cursor, Map<Long, Fingerprint> fingerprints, String stored) {
        this.cursor = cursor;
        this.fingerprints = fingerprints;
        this.stored = stored;
    }

    public static SyncState empty() {
        return new SyncState(null, new HashMap<>(), null);
    }

    /**
     * Reads a stored state; {@code null} or a value of another version is a fresh start. A damaged value throws: the
     * caller decides.
     */
    public static SyncState decode(String stored) {
        if (stored == null || !stored.startsWith(VERSION + "|")) {
            return empty();
        }
        // parsed in place (no split, no substrings): the state is read at every poll of every account
        int cursorStart = VERSION.length() + 1;
        int cursorEnd = stored.indexOf('|', cursorStart);
        if (cursorEnd < 0) {
            throw new IllegalArgumentException("no fingerprint section");
        }
        LocalDate cursor = cursorEnd == cursorStart ? null
                : LocalDate.ofEpochDay(Long.parseLong(stored, cursorStart, cursorEnd, 36));
        Map<Long, Fingerprint> fingerprints = new HashMap<>();
        int end = stored.length();
        for (int start = cursorEnd + 1; start < end;) {
            int entryEnd = stored.indexOf(';', start);
            entryEnd = entryEnd < 0 ? end : entryEnd;
            if (entryEnd == start) { // a checkpoint of a state that knew no transaction
                start++;
                continue;
            }
            if (stored.charAt(start) == '!') { // a checkpoint's removal
                fingerprints.remove(Long.parseLong(stored, start + 1, entryEnd, 36));
                start = entryEnd + 1;
                continue;
            }
            int dayStart = stored.indexOf(':', start) + 1;
            int hashStart = dayStart == 0 ? 0 : stored.indexOf(':', dayStart) + 1;
            if (dayStart == 0 || hashStart == 0 || hashStart > entryEnd) {
                throw new IllegalArgumentException("damaged fingerprint at offset " + start);
            }
            long id = Long.parseLong(stored, start, dayStart - 1, 36);
            fingerprints.put(id, new Fingerprint(id, Long.parseLong(stored, dayStart, hashStart - 1, 36),
                    Long.parseLong(stored, hashStart, entryEnd, 36)));
            start = entryEnd + 1;
        }
        return new SyncState(cursor, fingerprints, stored);
    }

    /** The stored form, compact: the cursor and one entry per known transaction. */
    public String encode() {
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
            appendEntry(sb, fp);
        }
        stored = sb.toString();
        journal.setLength(0);
        return stored;
    }

    /**
     * The stored form for a save in the middle of a session: the last stored value with the entries changed since
     * appended (a later entry of an id replaces an earlier one; {@code !id} removes it). Copying the last value costs
     * far less than formatting every fingerprint again, which made a long first sync quadratic in CPU.
     */
    public String checkpoint() {
        if (stored == null) {
            return encode();
        }
        stored = stored + journal;
        journal.setLength(0);
        return stored;
    }

    private static void appendEntry(StringBuilder sb, Fingerprint fp) {
        sb.append(Long.toString(fp.id(), 36)).append(':').append(Long.toString(fp.epochDay(), 36)).append(':')
                .append(Long.toString(fp.hash(), 36));
    }

    public LocalDate cursor() {
        return cursor;
    }

    public void cursor(LocalDate cursor) {
        if (!Objects.equals(cursor, this.cursor)) {
            this.cursor = cursor;
            stored = null;
        }
    }

    /** Whether the state still reads as the value last stored or read: writing it again would change nothing. */
    boolean isUnchanged() {
        return stored != null && journal.length() == 0;
    }

    public Fingerprint get(long id) {
        return fingerprints.get(id);
    }

    public Iterable<Fingerprint> fingerprints() {
        return fingerprints.values();
    }

    public int size() {
        return fingerprints.size();
    }

    public void put(Fingerprint fingerprint) {
        fingerprints.put(fingerprint.id(), fingerprint);
        appendEntry(journal.append(';'), fingerprint);
    }

    public void remove(long id) {
        if (fingerprints.remove(id) != null) {
            journal.append(";!").append(Long.toString(id, 36));
        }
    }

    /** Forgets transactions dated before {@code oldest}: no future window reaches them. Pending ones stay. */
    public void pruneBefore(LocalDate oldest) {
        long day = oldest.toEpochDay();
        if (fingerprints.values().removeIf(fp -> fp.hasDate() && fp.epochDay() < day)) {
            stored = null;
        }
    }

    /**
     * One transaction as the feed last delivered it. A bank's pending item has no date ({@link #NO_DATE}): it belongs
     * to every window, so it is never pruned, and it is removed only when a window no longer lists it.
     */
    public record Fingerprint(long id, long epochDay, long hash) {

        public static final long NO_DATE = Long.MIN_VALUE;
        private static final long FNV_OFFSET = 0xcbf29ce484222325L;
        private static final long FNV_PRIME = 0x100000001b3L;

        public static Fingerprint of(Transaction tx) {
            return new Fingerprint(tx.id(), tx.date() == null ? NO_DATE : tx.date().toEpochDay(), contentHash(tx));
        }

        public boolean hasDate() {
            return epochDay != NO_DATE;
        }

        /** The transaction's date, or {@code null} for a pending one. */
        public LocalDate date() {
            return hasDate() ? LocalDate.ofEpochDay(epochDay) : null;
        }

        /** Whether a window of these epoch days lists the transaction: a pending one is in every window. */
        public boolean isWithin(long firstDay, long lastDay) {
            return !hasDate() || epochDay >= firstDay && epochDay <= lastDay;
        }

        /**
         * FNV-1a over the UTF-8 bytes of the fields a bank may change, joined by U+0001; amounts compare by value, so
         * "-1.0" and "-1.00" are equal. The fields are hashed one after the other rather than joined first: the same
         * bytes, so the same hash as the states stored before.
         */
        private static long contentHash(Transaction tx) {
            BigDecimal amount = tx.amount() == null ? null : tx.amount().stripTrailingZeros();
            long hash = FNV_OFFSET;
            hash = field(hash, Objects.toString(tx.date()));
            hash = field(separator(hash), amount == null ? "" : amount.toPlainString());
            hash = field(separator(hash), Objects.toString(tx.currency(), ""));
            hash = field(separator(hash), Objects.toString(tx.description(), ""));
            hash = field(separator(hash), Objects.toString(tx.category(), ""));
            hash = field(separator(hash), Objects.toString(tx.originalId(), ""));
            return field(separator(hash), tx.meta() == null ? "" : tx.meta().toString());
        }

        private static long separator(long hash) {
            return (hash ^ 0x01) * FNV_PRIME;
        }

        /** Hashes the text's UTF-8 bytes: ASCII as it is, the rest from the first other character on encoded. */
        private static long field(long hash, String text) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch >= 0x80) {
                    for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
                        hash = (hash ^ (b & 0xff)) * FNV_PRIME;
                    }
                    return hash;
                }
                hash = (hash ^ ch) * FNV_PRIME;
            }
            return hash;
        }
    }
}
