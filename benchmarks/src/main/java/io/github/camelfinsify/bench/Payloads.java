package io.github.camelfinsify.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The canned response bodies, byte for byte the same in the server and in the benchmarks that need to know them.
 * Accounts: the API reference's sample. Transactions: shaped like the reference's sample (same fields, same kind of
 * values, ~330 bytes each), deterministic.
 */
public final class Payloads {

    public static final String CLIENT_ID = "bench-client-id";
    public static final String SERVICE_SECRET = "bench-service-secret";
    public static final String LOGIN_SECRET = "78cea84c-7eb8-4425-2312-3a1ac8383afe";

    /** account_id values the server knows: 50 transactions, the 10,000-transaction sync window, 1,000,000. */
    public static final long ACCOUNT_50 = 14324;
    public static final long ACCOUNT_WINDOW = 10_000;
    public static final long ACCOUNT_MILLION = 1_000_000;

    public static final int WINDOW_SIZE = 10_000;
    public static final int WINDOW_DAYS = 14;
    public static final int MILLION = 1_000_000;

    /** The reference's "Account List" sample response. */
    public static final String ACCOUNTS = """
            {
                "data": [
                    {
                        "id": 14324,
                        "original_id": "mockup-data-123456",
                        "login_id": 123456,
                        "name": "Finsify sample account",
                        "balance": "291087.00",
                        "currency": "VND",
                        "type": "current"
                    }
                ],
                "version": "v2"
            }
            """;

    /** The reference's webhook sample; the load scripts replace the referenceId per request. */
    public static final String WEBHOOK = "{\"login_id\": 21000, \"timestamp\": 1467331200000, "
                                         + "\"accounts\": [{\"id\": 19316}], \"new\": 1, \"referenceId\": \"hsSU83HnX\"}";

    private static final String[] PLACES = { "UBER VN MAR27 R5HKO HE help.uber.com NL",
            "GRAB VN MAR27 AQBOO HE grab.com NL", "CIRCLE K 0152 HCM", "HIGHLANDS COFFEE LOTTE Q7",
            "SHOPEE PAY HCM SHOPEE.VN", "VINMART+ 3042 BINH THANH" };
    private static final String[] CATEGORIES = { "auto_and_transport", "food_and_dining", "shopping",
            "bills_and_utilities", "transfer" };

    private static final DateTimeFormatter DDMMYYYY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private Payloads() {
    }

    public static byte[] accounts() {
        return ACCOUNTS.getBytes(StandardCharsets.UTF_8);
    }

    /** One transaction, shaped like the reference's sample; {@code i} makes it unique. */
    public static String transaction(long id, LocalDate date, int i, String descriptionSuffix) {
        String amount = "-" + (10_000 + (i * 7919L) % 990_000) + ".00";
        String hex = String.format("%016x%016x", i * 0x9E3779B97F4A7C15L ^ 0x0bd9d3f5d3406cf0L,
                (i + 1) * 0xC2B2AE3D27D4EB4FL ^ 0xb1d545ccab422fa2L);
        return "{\"id\":" + id
               + ",\"original_id\":\"techcombank-" + hex + "\""
               + ",\"date\":\"" + date + "\""
               + ",\"amount\":\"" + amount + "\""
               + ",\"currency\":\"VND\""
               + ",\"description\":\"GD THE QUA POS SO THE 422149...0052 NGAY " + date.format(DDMMYYYY) + " TAI "
               + PLACES[i % PLACES.length] + " APPCODE " + (100_000 + i % 900_000) + " TID / FT"
               + (17_086_000_000_000L + i) + descriptionSuffix + "\""
               + ",\"category\":\"" + CATEGORIES[i % CATEGORIES.length] + "\""
               + ",\"meta\":null}";
    }

    /** {"data":[n transactions dated from..from+days-1],"version":"v2"}, ids from firstId. */
    public static byte[] transactions(int n, long firstId, LocalDate from, int days) {
        List<byte[]> chunks = transactionChunks(n, firstId, from, days, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The same body as {@link #transactions}, cut in chunks of {@code perChunk} transactions (for huge bodies). */
    public static List<byte[]> transactionChunks(int n, long firstId, LocalDate from, int days, int perChunk) {
        List<byte[]> chunks = new ArrayList<>();
        StringBuilder sb = new StringBuilder(perChunk * 340 + 32).append("{\"data\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(transaction(firstId + i, from.plusDays(i % days), i, ""));
            if ((i + 1) % perChunk == 0 && i + 1 < n) {
                chunks.add(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        sb.append("],\"version\":\"v2\"}");
        chunks.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        return chunks;
    }

    /** First day of the sync window served for {@link #ACCOUNT_WINDOW}: the window ends today. */
    public static LocalDate windowStart(LocalDate today) {
        return today.minusDays(WINDOW_DAYS - 1);
    }
}
