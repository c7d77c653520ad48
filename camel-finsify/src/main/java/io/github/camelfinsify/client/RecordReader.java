package io.github.camelfinsify.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Transaction;

/**
 * Reads the list envelopes of accounts and transactions, and single transactions, token by token into the model's
 * records: the same records {@link FinsifyJson#mapper() databind} gives, at a fraction of its cost (databind of a
 * record goes through a property buffer and a creator per object; its dates through {@code DateTimeFormatter} and
 * its decimals through a validating regex). Unknown fields are skipped at every level, like databind does. Every
 * value in a shape this reader does not take as is (an id given as a string, a date with a time, a decimal with an
 * exponent, a non-null {@code meta}, ...) is read by databind, so it gives the value, or the error, databind gives.
 * Thread-safe.
 */
final class RecordReader {

    /** The record's fields in the order the API sends them: each name is first compared as bytes with the next. */
    private static final SerializedString[] TRANSACTION_FIELDS = names("id", "original_id", "date", "amount",
            "currency", "description", "category", "meta");
    private static final SerializedString[] ACCOUNT_FIELDS = names("id", "original_id", "login_id", "name",
            "balance", "currency", "type");
    private static final int UNKNOWN = -1;
    private static final int END = -2;

    private final ObjectReader longs;
    private final ObjectReader strings;
    private final ObjectReader decimals;
    private final ObjectReader dates;
    private final ObjectReader trees;
    private final ObjectReader account;
    private final ObjectReader transaction;
    private final ObjectReader accountsEnvelope;
    private final ObjectReader transactionsEnvelope;
    private final ObjectReader accountList;
    private final ObjectReader transactionList;

    RecordReader(ObjectMapper mapper, JavaType accountsEnvelope, JavaType transactionsEnvelope) {
        this.longs = mapper.readerFor(long.class);
        this.strings = mapper.readerFor(String.class);
        this.decimals = mapper.readerFor(BigDecimal.class);
        this.dates = mapper.readerFor(LocalDate.class);
        this.trees = mapper.readerFor(JsonNode.class);
        this.account = mapper.readerFor(Account.class);
        this.transaction = mapper.readerFor(Transaction.class);
        this.accountsEnvelope = mapper.readerFor(accountsEnvelope);
        this.transactionsEnvelope = mapper.readerFor(transactionsEnvelope);
        this.accountList = mapper.readerFor(accountsEnvelope.containedType(0));
        this.transactionList = mapper.readerFor(transactionsEnvelope.containedType(0));
    }

    /** {@code {"data": [accounts], "version": ...}} from the parser's next token. */
    FinsifyResponse<List<Account>> accounts(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return accountsEnvelope.readValue(parser);
        }
        List<Account> data = null;
        String version = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "data" -> data = token == JsonToken.START_ARRAY ? accountArray(parser)
                        : accountList.readValue(parser);
                case "version" -> version = string(parser, token);
                default -> parser.skipChildren();
            }
        }
        return new FinsifyResponse<>(data, version);
    }

    /** {@code {"data": [transactions], "version": ...}} from the parser's next token. */
    FinsifyResponse<List<Transaction>> transactions(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return transactionsEnvelope.readValue(parser);
        }
        List<Transaction> data = null;
        String version = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "data" -> data = token == JsonToken.START_ARRAY ? transactionArray(parser)
                        : transactionList.readValue(parser);
                case "version" -> version = string(parser, token);
                default -> parser.skipChildren();
            }
        }
        return new FinsifyResponse<>(data, version);
    }

    /** One transaction, the parser on its first token (an object, or whatever databind then reads). */
    Transaction transaction(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return transaction.readValue(parser);
        }
        long id = 0;
        String originalId = null;
        LocalDate date = null;
        BigDecimal amount = null;
        String currency = null;
        String description = null;
        String category = null;
        JsonNode meta = null;
        for (int expected = 0, field; (field = nextField(parser, TRANSACTION_FIELDS, expected)) != END; ) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case 0 -> id = longValue(parser, token);
                case 1 -> originalId = string(parser, token);
                case 2 -> date = date(parser, token);
                case 3 -> amount = decimal(parser, token);
                case 4 -> currency = string(parser, token);
                case 5 -> description = string(parser, token);
                case 6 -> category = string(parser, token);
                case 7 -> meta = token == JsonToken.VALUE_NULL ? null : trees.readValue(parser);
                default -> parser.skipChildren();
            }
            expected = field == UNKNOWN ? expected : field + 1;
        }
        return new Transaction(id, originalId, date, amount, currency, description, category, meta);
    }

    /** One account, the parser on its first token. */
    Account account(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return account.readValue(parser);
        }
        long id = 0;
        String originalId = null;
        long loginId = 0;
        String name = null;
        BigDecimal balance = null;
        String currency = null;
        String type = null;
        for (int expected = 0, field; (field = nextField(parser, ACCOUNT_FIELDS, expected)) != END; ) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case 0 -> id = longValue(parser, token);
                case 1 -> originalId = string(parser, token);
                case 2 -> loginId = longValue(parser, token);
                case 3 -> name = string(parser, token);
                case 4 -> balance = decimal(parser, token);
                case 5 -> currency = string(parser, token);
                case 6 -> type = string(parser, token);
                default -> parser.skipChildren();
            }
            expected = field == UNKNOWN ? expected : field + 1;
        }
        return new Account(id, originalId, loginId, name, balance, currency, type);
    }

    /**
     * Moves to the next field of an object: its index in {@code fields}, {@link #UNKNOWN}, or {@link #END} at the
     * object's end. The name is first matched as bytes against {@code fields[expected]}, which skips the parser's
     * symbol table lookup while the fields come in the usual order.
     */
    private static int nextField(JsonParser parser, SerializedString[] fields, int expected) throws IOException {
        if (expected < fields.length) {
            if (parser.nextFieldName(fields[expected])) {
                return expected;
            }
        } else {
            parser.nextToken();
        }
        if (parser.currentToken() != JsonToken.FIELD_NAME) {
            return END;
        }
        String name = parser.currentName();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getValue().equals(name)) {
                return i;
            }
        }
        return UNKNOWN;
    }

    private static SerializedString[] names(String... names) {
        SerializedString[] fields = new SerializedString[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = new SerializedString(names[i]);
        }
        return fields;
    }

    private List<Account> accountArray(JsonParser parser) throws IOException {
        List<Account> accounts = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            accounts.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : account(parser));
        }
        return accounts;
    }

    private List<Transaction> transactionArray(JsonParser parser) throws IOException {
        List<Transaction> transactions = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            transactions.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : transaction(parser));
        }
        return transactions;
    }

    private long longValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        return longs.<Long>readValue(parser);
    }

    private String string(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        return token == JsonToken.VALUE_NULL ? null : strings.readValue(parser);
    }

    /** JSON numbers as the parser reads them; strings of plain decimal digits from their characters. */
    private BigDecimal decimal(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getDecimalValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            char[] chars = parser.getTextCharacters();
            int offset = parser.getTextOffset();
            int length = parser.getTextLength();
            if (isPlainDecimal(chars, offset, length)) {
                return new BigDecimal(chars, offset, length);
            }
        }
        return token == JsonToken.VALUE_NULL ? null : decimals.readValue(parser);
    }

    /** {@code yyyy-MM-dd} from the characters; any other text is databind's to read (or to reject). */
    private LocalDate date(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING && parser.getTextLength() == 10) {
            char[] c = parser.getTextCharacters();
            int o = parser.getTextOffset();
            if (c[o + 4] == '-' && c[o + 7] == '-') {
                int year = digits(c, o, 4);
                int month = digits(c, o + 5, 2);
                int day = digits(c, o + 8, 2);
                if (year >= 0 && month >= 0 && day >= 0) {
                    try {
                        return LocalDate.of(year, month, day);
                    } catch (DateTimeException notADay) {
                        // 2017-02-30 and the like: databind gives its own error for it
                    }
                }
            }
        }
        return token == JsonToken.VALUE_NULL ? null : dates.readValue(parser);
    }

    /** The decimal value of {@code length} ASCII digits, or -1 if one is not a digit. */
    private static int digits(char[] chars, int offset, int length) {
        int value = 0;
        for (int i = offset; i < offset + length; i++) {
            int digit = chars[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** {@code -?digits(.digits)?}: the form the API sends, which {@code new BigDecimal} reads as databind does. */
    static boolean isPlainDecimal(char[] chars, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (i < end && chars[i] == '-') {
            i++;
        }
        int integerDigits = 0;
        while (i < end && chars[i] >= '0' && chars[i] <= '9') {
            i++;
            integerDigits++;
        }
        if (integerDigits == 0) {
            return false;
        }
        if (i == end) {
            return true;
        }
        if (chars[i] != '.') {
            return false;
        }
        i++;
        int fractionDigits = 0;
        while (i < end && chars[i] >= '0' && chars[i] <= '9') {
            i++;
            fractionDigits++;
        }
        return fractionDigits > 0 && i == end;
    }
}
