package io.github.camelfinsify.examples.kamelets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets pass the rules of the Kamelet catalog's validator, and each rule fails on a broken fixture
 * ({@code src/test/resources/broken-kamelets}).
 */
class KameletCatalogRulesTest {

    private static final Path KAMELETS = Path.of("src/main/resources/kamelets");
    private static final Path BROKEN = Path.of("src/test/resources/broken-kamelets");

    private static KameletCatalogRules rules;
    private static List<String> brokenViolations;

    @BeforeAll
    static void rules() throws IOException {
        // the version of the camel-finsify jar these Kamelets run with, from its component descriptor
        String version;
        try (InputStream in = KameletCatalogRulesTest.class.getClassLoader()
                .getResourceAsStream("META-INF/io/github/camelfinsify/finsify.json")) {
            version = new ObjectMapper().readTree(in).path("component").path("version").asText();
        }
        rules = new KameletCatalogRules("mvn:io.github.camelfinsify:camel-finsify:" + version, version);
        brokenViolations = rules.violations(BROKEN);
    }

    @Test
    void theKameletsPassTheCatalogRules() throws IOException {
        assertThat(rules.violations(KAMELETS)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "file finsify-broken-source.kamelet.yaml does not match the name of the contained kamelet: finsify-broken-sink",
            "name of kamelet finsify-broken-sink does not end with -source",
            "kamelet finsify-broken-sink title 'Finsify Broken' does not end with Source",
            "property loginSecret in kamelet finsify-broken-sink does not contain a type",
            "property loginSecret in kamelet finsify-broken-sink does not contain a title",
            "property loginSecret in kamelet finsify-broken-sink does not contain a description",
            "property accountId in kamelet finsify-broken-sink has a non-capitalized word in its title: id",
            "property delay in kamelet finsify-broken-sink has a title starting with 'The'",
            "required property path in kamelet finsify-broken-sink is not defined",
            "property token in kamelet finsify-broken-sink has password format but misses descriptor "
            + "urn:camel:group:credentials",
            "parameter undeclared is not declared in the definition of kamelet finsify-broken-sink",
            "parameter unused is declared in kamelet finsify-broken-sink but never used",
            "kamelet finsify-broken-sink does not contain the camel.apache.org/kamelet.icon annotation",
            "kamelet finsify-broken-sink does not contain the camel.apache.org/catalog.version annotation",
            "kamelet finsify-broken-sink does not contain the camel.apache.org/provider annotation",
            "kamelet finsify-broken-sink needs dependency camel:core",
            "kamelet finsify-broken-sink needs dependency mvn:io.github.camelfinsify:camel-finsify:",
            "kamelet finsify-twin-action has an invalid camel.apache.org/kamelet.type label: 'processor'",
            "kamelet finsify-twin-action has camel.apache.org/catalog.version 0.0.1, not the project's version",
            "kamelet finsify-twin-action has the same title as kamelet finsify-broken-sink: Finsify Broken",
            "kamelet finsify-twin-action needs dependency camel:jackson",
            "kamelet finsify-twin-action needs dependency camel:kamelet",
    })
    void aBrokenKameletFailsTheRule(String violation) {
        assertThat(brokenViolations).anyMatch(v -> v.startsWith(violation));
    }
}
