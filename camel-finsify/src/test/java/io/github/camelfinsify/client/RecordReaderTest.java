package io.github.camelfinsify.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.test.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token-level reader of the list calls gives exactly the records databind gives, for the API's samples and for
 * every shape databind tolerates; what databind rejects, it rejects too.
 */
class RecordReaderTest {

    static final ObjectMapper MAPPER = FinsifyJson.mapper();
    static final JavaType ACCOUNTS = MAPPER.getTypeFactory().constructParametricType(FinsifyResponse.class,
            MAPPER.getTypeFactory().constructCollectionType(List.class, Account.class));
    static final JavaType TRANSACTIONS = MAPPER.getTypeFactory().constructParametricType(FinsifyResponse.class,
            MAPPER.getTypeFactory().constructCollectionType(List.class, Transaction.class));
    static final RecordReader READER = new RecordReader(MAPPER, ACCOUNTS, TRANSACTIONS);

    static FinsifyResponse<List<Account>> fastAccounts(String json) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            return READER.accounts(parser);
        }
    }

    static FinsifyResponse<List<Transaction>> fastTransactions(String json) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            return READER.transactions(parser);
        }
    }

    static FinsifyResponse<List<Account>> databindAccounts(String json) throws IOException {
        return MAPPER.readValue(json, ACCOUNTS);
    }

    static FinsifyResponse<List<Transaction>> databindTransactions(String json) throws IOException {
        return MAPPER.readValue(json, TRANSACTIONS);
    }

    /** The transactions of a list envelope read one by one, as the streaming mode reads them. */
    static List<Transaction> streamedTransactions(String json) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            assertThat(FinsifyClient.moveToDataArray(parser)).isTrue();
            List<Transaction> transactions = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                transactions.add(READER.transaction(parser));
            }
            return transactions;
        }
    }

    static List<Transaction> assertTransactionsReadAlike(String json) throws IOException {
        FinsifyResponse<List<Transaction>> expected = databindTransactions(json);
        assertThat(fastTransactions(json)).isEqualTo(expected);
        return expected.data();
    }

    static List<Account> assertAccountsReadAlike(String json) throws IOException {
        FinsifyResponse<List<Account>> expected = databindAccounts(json);
        assertThat(fastAccounts(json)).isEqualTo(expected);
        return expected.data();
    }

    static String transactionsOf(String... transactions) {
        return "{\"data\": [" + String.join(",", transactions) + "], \"version\": \"v2\"}";
    }

    static String accountsOf(String... accounts) {
        return "{\"data\": [" + String.join(",", accounts) + "], \"version\": \"v2\"}";
    }

    @Test
    void theAccountSampleReadsAsDatabindReadsIt() throws IOException {
        List<Account> accounts = assertAccountsReadAlike(Fixtures.json("accounts"));

        assertThat(accounts).containsExactly(new Account(14324, "mockup-data-123456", 123456,
                "Finsify sample account", new BigDecimal("291087.00"), "VND", "current"));
    }

    @Test
    void theTransactionSampleReadsAsDatabindReadsIt() throws IOException {
        List<Transaction> transactions = assertTransactionsReadAlike(Fixtures.json("transactions"));

        assertThat(transactions).hasSize(5);
        assertThat(transactions.get(0).amount()).isEqualTo(new BigDecimal("-61299.00"));
        assertThat(transactions.get(0).date()).isEqualTo(LocalDate.of(2017, 3, 27));
    }

    @Test
    void theStreamingModeReadsTheSampleAsDatabindReadsIt() throws IOException {
        String json = Fixtures.json("transactions");

        assertThat(streamedTransactions(json)).isEqualTo(databindTransactions(json).data());
    }

    @Test
    void numbersGivenAsJsonNumbersReadAsDatabindReadsThem() throws IOException {
        List<Transaction> transactions = assertTransactionsReadAlike(transactionsOf(
                "{\"id\": 1, \"amount\": -61299.00, \"date\": \"2017-03-27\"}",
                "{\"id\": 2, \"amount\": -61299, \"date\": \"2017-03-27\"}",
                "{\"id\": 3, \"amount\": 1.5e3}",
                "{\"id\": 4, \"amount\": 12345678901234567890.123456789}"));
        List<Account> accounts = assertAccountsReadAlike(accountsOf(
                "{\"id\": 14324, \"login_id\": 123456, \"balance\": 291087.00}"));

        assertThat(transactions.get(0).amount()).isEqualTo(new BigDecimal("-61299.00"));
        assertThat(transactions.get(1).amount()).isEqualTo(new BigDecimal("-61299"));
        assertThat(accounts.get(0).balance()).isEqualTo(new BigDecimal("291087.00"));
    }

    @Test
    void numbersGivenAsStringsReadAsDatabindReadsThem() throws IOException {
        List<Transaction> transactions = assertTransactionsReadAlike(transactionsOf(
                "{\"id\": \"4116357\", \"amount\": \"-61299.00\"}",
                "{\"id\": \"7\", \"amount\": \"1.5e3\"}",
                "{\"id\": 8, \"amount\": \" 12.50 \"}",
                "{\"id\": 9, \"amount\": \"+12.50\"}",
                "{\"id\": 10, \"amount\": \".5\"}",
                "{\"id\": 11, \"amount\": \"\"}",
                "{\"id\": 12, \"amount\": \"-0.00\"}"));
        List<Account> accounts = assertAccountsReadAlike(accountsOf(
                "{\"id\": \"14324\", \"login_id\": \"123456\", \"balance\": \"291087.00\"}"));

        assertThat(transactions.get(0).id()).isEqualTo(4116357);
        assertThat(accounts.get(0).loginId()).isEqualTo(123456);
    }

    @Test
    void integersGivenAsDecimalsReadAsDatabindReadsThem() throws IOException {
        List<Account> accounts = assertAccountsReadAlike(accountsOf("{\"id\": 14324.0, \"login_id\": 1.9}"));

        assertThat(accounts.get(0).id()).isEqualTo(14324);
    }

    @Test
    void unknownFieldsAreSkippedAtEveryLevel() throws IOException {
        List<Transaction> transactions = assertTransactionsReadAlike("""
                {"pagination": {"next": {"cursor": "x", "pages": [1, 2, {"deep": [[]]}]}},
                 "data": [{"id": 1, "unknown": {"a": [1, {"b": null}], "c": "d"}, "date": "2017-03-27",
                           "list": [[1, 2], {"id": 99}], "flag": true, "n": 1.5, "s": "x", "z": null}],
                 "extra": [{"data": []}],
                 "version": "v2", "trailing": "x"}
                """);
        List<Account> accounts = assertAccountsReadAlike("""
                {"data": [{"id": 14324, "bank": {"id": 7, "name": "x", "codes": [1, [2]]}, "type": "current",
                           "extra": [{"balance": "1.00"}]}], "meta": {"total": 1}}
                """);

        assertThat(transactions.get(0).id()).isEqualTo(1);
        assertThat(accounts.get(0).id()).isEqualTo(14324);
        assertThat(accounts.get(0).balance()).isNull();
    }

    @Test
    void unknownTypeAndCategoryValuesAreKeptAsGiven() throws IOException {
        List<Account> accounts = assertAccountsReadAlike(accountsOf("{\"id\": 1, \"type\": \"crypto_wallet\"}"));
        List<Transaction> transactions = assertTransactionsReadAlike(
                transactionsOf("{\"id\": 1, \"category\": \"space_travel\"}"));

        assertThat(accounts.get(0).type()).isEqualTo("crypto_wallet");
        assertThat(transactions.get(0).category()).isEqualTo("space_travel");
    }

    @Test
    void nullAndMissingFieldsReadAsDatabindReadsThem() throws IOException {
        assertTransactionsReadAlike(transactionsOf(
                "{\"id\": null, \"original_id\": null, \"date\": null, \"amount\": null, \"currency\": null, "
                + "\"description\": null, \"category\": null, \"meta\": null}",
                "{}"));
        List<Account> accounts = assertAccountsReadAlike(accountsOf(
                "{\"id\": null, \"login_id\": null, \"name\": null, \"balance\": null, \"type\": null}", "{}"));

        assertThat(accounts.get(0)).isEqualTo(new Account(0, null, 0, null, null, null, null));
    }

    @Test
    void metaNullAndMetaObjectsReadAsDatabindReadsThem() throws IOException {
        List<Transaction> transactions = assertTransactionsReadAlike(transactionsOf(
                "{\"id\": 1, \"meta\": null}",
                "{\"id\": 2, \"meta\": {\"mcc\": \"4121\", \"rate\": 1.25, \"tags\": [\"a\", {\"b\": null}]}}",
                "{\"id\": 3, \"meta\": []}",
                "{\"id\": 4, \"meta\": \"text\"}",
                "{\"id\": 5, \"meta\": 12}",
                "{\"id\": 6}"));
        assertTransactionsReadAlike("{\"data\": [{\"id\": 1}], \"meta\": null}");
        assertTransactionsReadAlike("{\"meta\": {\"page\": 1, \"of\": [1]}, \"data\": [{\"id\": 1}]}");

        assertThat(transactions.get(0).meta()).isNull();
        assertThat(transactions.get(1).meta().get("rate").decimalValue()).isEqualTo(new BigDecimal("1.25"));
        assertThat(transactions.get(5).meta()).isNull();
    }

    @Test
    void datesInOtherShapesReadAsDatabindReadsThem() throws IOException {
        List<Transaction> transactions = assertTransactionsReadAlike(transactionsOf(
                "{\"id\": 1, \"date\": \"2017-03-27T10:15:30\"}",
                "{\"id\": 2, \"date\": \"2017-03-27T10:15:30Z\"}",
                "{\"id\": 3, \"date\": \"\"}",
                "{\"id\": 4, \"date\": \"2016-02-29\"}",
                "{\"id\": 5, \"date\": [2017, 3, 27]}"));

        assertThat(transactions.get(0).date()).isEqualTo(LocalDate.of(2017, 3, 27));
        assertThat(transactions.get(3).date()).isEqualTo(LocalDate.of(2016, 2, 29));
    }

    @Test
    void emptyDataAndAbsentDataReadAsDatabindReadsThem() throws IOException {
        assertThat(assertTransactionsReadAlike("{\"data\": [], \"version\": \"v2\"}")).isEmpty();
        assertThat(assertAccountsReadAlike("{\"data\": []}")).isEmpty();
        assertThat(assertAccountsReadAlike("{\"version\": \"v2\"}")).isNull();
        assertThat(assertTransactionsReadAlike("{\"data\": null}")).isNull();
        assertThat(assertTransactionsReadAlike("{\"data\": [null, {\"id\": 1}]}")).hasSize(2);
        assertThat(databindAccounts("null")).isNull();
        assertThat(fastAccounts("null")).isNull();
    }

    @Test
    void whatDatabindRejectsIsRejected() {
        for (String json : List.of(
                transactionsOf("{\"id\": 1, \"date\": \"2017-02-30\"}"),
                transactionsOf("{\"id\": 1, \"date\": \"27/03/2017\"}"),
                transactionsOf("{\"id\": \"one\"}"),
                transactionsOf("{\"id\": 123456789012345678901234567890}"),
                transactionsOf("{\"id\": 1, \"amount\": \"a lot\"}"),
                transactionsOf("{\"id\": 1, \"amount\": {\"value\": 1}}"),
                transactionsOf("{\"id\": 1, \"currency\": {\"code\": \"VND\"}}"),
                transactionsOf("7"),
                "{\"data\": {\"id\": 1}}",
                "[]")) {
            assertThatThrownBy(() -> databindTransactions(json)).as(json).isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> fastTransactions(json)).as(json).isInstanceOf(JsonProcessingException.class);
        }
    }
}
