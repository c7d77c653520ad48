package io.github.camelfinsify.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static io.github.camelfinsify.client.RecordReaderTest.MAPPER;
import static io.github.camelfinsify.client.RecordReaderTest.databindAccounts;
import static io.github.camelfinsify.client.RecordReaderTest.databindTransactions;
import static io.github.camelfinsify.client.RecordReaderTest.fastAccounts;
import static io.github.camelfinsify.client.RecordReaderTest.fastTransactions;
import static io.github.camelfinsify.client.RecordReaderTest.streamedTransactions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over generated list bodies (fields in any order, some missing or null, numbers as JSON numbers or strings, unknown
 * fields holding any JSON, {@code meta} null or any JSON), the token-level reader and databind give equal records.
 */
class RecordReaderPropertiesTest {

    @Property(tries = 1_000)
    void generatedTransactionListsReadAsDatabindReadsThem(@ForAll("transactionLists") String json)
            throws IOException {
        var expected = databindTransactions(json);

        assertThat(fastTransactions(json)).isEqualTo(expected);
        assertThat(streamedTransactions(json)).isEqualTo(expected.data());
    }

    @Property(tries = 1_000)
    void generatedAccountListsReadAsDatabindReadsThem(@ForAll("accountLists") String json) throws IOException {
        assertThat(fastAccounts(json)).isEqualTo(databindAccounts(json));
    }

    @Provide
    Arbitrary<String> transactionLists() {
        return envelope(record(List.of(member("id", longValue()), member("original_id", text()),
                member("date", date()), member("amount", decimal()), member("currency", text()),
                member("description", text()), member("category", text()), member("meta", meta()))));
    }

    @Provide
    Arbitrary<String> accountLists() {
        Arbitrary<String> types = Arbitraries.of("current", "saving", "credit", "loan", "crypto_wallet")
                .map(this::quoted);
        return envelope(record(List.of(member("id", longValue()), member("original_id", text()),
                member("login_id", longValue()), member("name", text()), member("balance", decimal()),
                member("currency", text()), member("type", types))));
    }

    private Arbitrary<String> envelope(Arbitrary<String> item) {
        Arbitrary<String> data = item.list().ofMaxSize(8).map(items -> "\"data\":[" + String.join(",", items) + "]");
        return object(Combinators.combine(data, member("version", Arbitraries.just("\"v2\""))).as(List::of));
    }

    private Arbitrary<String> record(List<Arbitrary<String>> members) {
        return object(Combinators.combine(members).as(list -> list));
    }

    /**
     * The members and some unknown ones: half of the time the members in the API's order with the unknown ones
     * anywhere between them, else all in a random order. A member given as "" is left out.
     */
    private Arbitrary<String> object(Arbitrary<List<String>> members) {
        return Combinators.combine(members, unknownMembers(), Arbitraries.randoms()).as((known, unknown, random) -> {
            List<String> all = new ArrayList<>(known);
            if (random.nextBoolean()) {
                unknown.forEach(member -> all.add(random.nextInt(all.size() + 1), member));
            } else {
                all.addAll(unknown);
                Collections.shuffle(all, random);
            }
            all.removeIf(String::isEmpty);
            return String.join(",", all);
        }).map(body -> "{" + body + "}");
    }

    /** {@code "name": value}, or nothing (the field missing), or {@code "name": null}. */
    private Arbitrary<String> member(String name, Arbitrary<String> value) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, value.map(v -> quoted(name) + ":" + v)),
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.just(quoted(name) + ":null")));
    }

    private Arbitrary<List<String>> unknownMembers() {
        Arbitrary<String> name = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                .filter(n -> !List.of("id", "original_id", "date", "amount", "currency", "description", "category",
                        "meta", "login_id", "name", "balance", "type", "data", "version").contains(n));
        return Combinators.combine(name, anyJson()).as((n, v) -> quoted(n) + ":" + v).list().ofMaxSize(3)
                .uniqueElements(m -> m.substring(0, m.indexOf("\":")));
    }

    private Arbitrary<String> longValue() {
        return Arbitraries.longs().flatMap(n -> Arbitraries.of(Long.toString(n), quoted(Long.toString(n))));
    }

    private Arbitrary<String> decimal() {
        Arbitrary<BigDecimal> values = Combinators.combine(Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                Arbitraries.integers().between(0, 4)).as(BigDecimal::valueOf);
        return values.flatMap(d -> Arbitraries.of(d.toPlainString(), quoted(d.toPlainString()), d.toString(),
                quoted(d.toString()), d.toBigInteger().toString()));
    }

    private Arbitrary<String> date() {
        Arbitrary<LocalDate> days = Arbitraries.longs()
                .between(LocalDate.of(1000, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        return days.flatMap(d -> Arbitraries.of(quoted(d.toString()), quoted(d + "T08:30:00")));
    }

    private Arbitrary<String> text() {
        return Arbitraries.strings().all().ofMaxLength(40).map(this::quoted);
    }

    private Arbitrary<String> meta() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("null")),
                Tuple.of(2, anyJson()));
    }

    private Arbitrary<String> anyJson() {
        return Arbitraries.recursive(this::scalar, this::container, 0, 3);
    }

    private Arbitrary<String> scalar() {
        return Arbitraries.oneOf(Arbitraries.just("null"), Arbitraries.of("true", "false"),
                Arbitraries.longs().map(String::valueOf), Arbitraries.doubles().map(String::valueOf),
                decimal(), text());
    }

    private Arbitrary<String> container(Arbitrary<String> element) {
        Arbitrary<String> array = element.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(5), element)
                .as((n, v) -> quoted(n) + ":" + v).list().ofMaxSize(3)
                .uniqueElements(m -> m.substring(0, m.indexOf("\":")))
                .map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.oneOf(array, object);
    }

    private String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
