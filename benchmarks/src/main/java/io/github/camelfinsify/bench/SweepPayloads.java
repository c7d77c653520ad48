package io.github.camelfinsify.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import io.vertx.core.buffer.Buffer;

/**
 * A partner's book for the sweep benchmark, the same in the canned server and in the run that checks what arrived:
 * login {@code n} (login id {@code n}, secret {@code s-<n>}) has 2 or 3 accounts and each account 3 to 5
 * transactions, all decided by {@code n} alone, dated inside the last {@value #DAYS} days (the sync window of a first
 * sync is 90 days). Bodies are spliced from fragments made once, so the server spends next to nothing per call.
 */
public final class SweepPayloads {

    public static final String SECRET_PREFIX = "s-";
    /** Account ids of login n: BASE + 4n + j, j < accountCount(n); far from the other canned ids. */
    public static final long ACCOUNT_BASE = 900_000_000L;
    static final int DAYS = 28;
    private static final int MAX_TRANSACTIONS = 5;

    private final LocalDate today;
    private final byte[][][] transactionTails = new byte[MAX_TRANSACTIONS][DAYS][];

    /** The fragments of every transaction: all but the id, for each position and day back from {@code today}. */
    public SweepPayloads(LocalDate today) {
        this.today = today;
        for (int i = 0; i < MAX_TRANSACTIONS; i++) {
            for (int day = 0; day < DAYS; day++) {
                String json = Payloads.transaction(0, today.minusDays(day), i, "");
                // {"id":0,... -> ,...
                transactionTails[i][day] = json.substring(json.indexOf(',')).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    public static String secretOf(long login) {
        return SECRET_PREFIX + login;
    }

    /** The login of a secret {@code s-<n>}, or -1 if it is not one of the book's. */
    public static long loginOf(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return -1;
        }
        try {
            long n = Long.parseLong(secret, SECRET_PREFIX.length(), secret.length(), 10);
            return n > 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static int accountCount(long login) {
        return 2 + (int) (mix(login) & 1);
    }

    public static long accountId(long login, int index) {
        return ACCOUNT_BASE + login * 4 + index;
    }

    /** The login an account id belongs to, or -1 if it is none of the book's. */
    public static long loginOfAccount(long accountId) {
        long offset = accountId - ACCOUNT_BASE;
        if (offset < 4) {
            return -1;
        }
        long login = offset / 4;
        return offset % 4 < accountCount(login) ? login : -1;
    }

    public static int transactionCount(long accountId) {
        return 3 + (int) Long.remainderUnsigned(mix(accountId), 3);
    }

    public static long transactionId(long accountId, int index) {
        return accountId * 8 + index;
    }

    static int dayOf(long accountId, int index) {
        return (int) ((accountId + 7L * index) % DAYS);
    }

    /** Accounts of logins 1..logins: their count, and the transactions they hold. */
    public static long[] totals(long firstLogin, long logins) {
        long accounts = 0;
        long transactions = 0;
        for (long n = firstLogin; n < firstLogin + logins; n++) {
            int count = accountCount(n);
            accounts += count;
            for (int j = 0; j < count; j++) {
                transactions += transactionCount(accountId(n, j));
            }
        }
        return new long[] { accounts, transactions };
    }

    Buffer accounts(long login) {
        Buffer body = Buffer.buffer(512).appendString("{\"data\":[");
        for (int j = 0; j < accountCount(login); j++) {
            long id = accountId(login, j);
            body.appendString(j == 0 ? "{\"id\":" : ",{\"id\":").appendString(Long.toString(id))
                    .appendString(",\"original_id\":\"bench-").appendString(Long.toString(id))
                    .appendString("\",\"login_id\":").appendString(Long.toString(login))
                    .appendString(",\"name\":\"Bench account ").appendString(Integer.toString(j))
                    .appendString("\",\"balance\":\"291087.00\",\"currency\":\"VND\",\"type\":\"current\"}");
        }
        return body.appendString("],\"version\":\"v2\"}");
    }

    /** The account's transactions dated from..to (both inclusive), as the API answers a date range. */
    Buffer transactions(long accountId, LocalDate from, LocalDate to) {
        Buffer body = Buffer.buffer(2048).appendString("{\"data\":[");
        boolean first = true;
        for (int i = 0; i < transactionCount(accountId); i++) {
            int day = dayOf(accountId, i);
            LocalDate date = today.minusDays(day);
            if (date.isBefore(from) || date.isAfter(to)) {
                continue;
            }
            body.appendString(first ? "{\"id\":" : ",{\"id\":").appendString(Long.toString(transactionId(accountId, i)))
                    .appendBytes(transactionTails[i][day]);
            first = false;
        }
        return body.appendString("],\"version\":\"v2\"}");
    }

    private static long mix(long x) {
        // splitmix64's finaliser: neighbouring logins get unrelated shapes
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
