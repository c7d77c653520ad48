package io.github.camelfinsify.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * The transactions of a {@code user_many} account: never stored, each one computed from the seed and its
 * index. Dates rise with the index over two years, so a date range maps to an index range by binary search,
 * and the response body is produced while it is written out.
 */
final class ManyTransactions {

    static final int DAYS = 730;
    /** Ids are {@code accountId * ID_STRIDE + index}: unique per account, disjoint from stored ids. */
    static final long ID_STRIDE = 10_000_000L;

    private final long accountId;
    private final int count;
    private final LocalDate firstDay;
    private final long seed;
    private final String slug;
    private final TransactionGenerator generator;

    ManyTransactions(long accountId, int count, LocalDate lastDay, long seed, String slug,
            TransactionGenerator generator) {
        this.accountId = accountId;
        this.count = count;
        this.firstDay = lastDay.minusDays(DAYS - 1);
        this.seed = seed;
        this.slug = slug;
        this.generator = generator;
    }

    int count() {
        return count;
    }

    LocalDate dateOf(long index) {
        return firstDay.plusDays(index * DAYS / count);
    }

    SandboxTransaction get(long index) {
        SplittableRandom random = new SplittableRandom(TransactionGenerator.mix(seed, 0x4D414E59L, index));
        TransactionGenerator.Draft draft = generator.spending(random, dateOf(index));
        return new SandboxTransaction(accountId * ID_STRIDE + index, accountId, draft.date(), draft.amount(),
                generator.currency(), draft.description(), draft.category());
    }

    /** The first index whose date is on or after {@code day} ({@code count} when there is none). */
    long firstIndexOnOrAfter(LocalDate day) {
        if (day == null || !day.isAfter(firstDay)) {
            return 0;
        }
        long daysFromStart = ChronoUnit.DAYS.between(firstDay, day);
        long low = 0;
        long high = count;
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (mid * DAYS / count < daysFromStart) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The body {@code {"data":[...],"version":"v2"}} of the transactions dated within [from, to]. */
    InputStream stream(LocalDate from, LocalDate to) {
        long start = firstIndexOnOrAfter(from);
        long end = to == null ? count : firstIndexOnOrAfter(to.plusDays(1));
        return new Body(start, Math.max(start, end));
    }

    private final class Body extends InputStream {
        private static final int BATCH = 256;
        private long next;
        private final long end;
        private byte[] buffer = "{\"data\":[".getBytes(StandardCharsets.UTF_8);
        private int position;
        private boolean finished;
        private boolean wroteOne;
        private final StringBuilder sb = new StringBuilder(BATCH * 320);

        Body(long start, long end) {
            this.next = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, buffer.length - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }

        private boolean fill() {
            while (position >= buffer.length) {
                if (finished) {
                    return false;
                }
                sb.setLength(0);
                long batchEnd = Math.min(end, next + BATCH);
                for (; next < batchEnd; next++) {
                    if (wroteOne) {
                        sb.append(',');
                    }
                    append(sb, get(next));
                    wroteOne = true;
                }
                if (next >= end) {
                    sb.append("],\"version\":\"v2\"}");
                    finished = true;
                }
                buffer = sb.toString().getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return true;
        }

        private void append(StringBuilder out, SandboxTransaction t) {
            out.append("{\"id\":").append(t.id()).append(",\"original_id\":");
            Json.quote(out, TransactionGenerator.originalId(slug, seed, t.id()));
            out.append(",\"date\":\"").append(t.date()).append("\",\"amount\":\"").append(t.amount())
                    .append("\",\"currency\":\"").append(t.currency()).append("\",\"description\":");
            Json.quote(out, t.description());
            out.append(",\"category\":\"").append(t.category()).append("\",\"meta\":null}");
        }
    }
}
