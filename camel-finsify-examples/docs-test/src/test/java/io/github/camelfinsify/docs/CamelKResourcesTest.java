package io.github.camelfinsify.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Camel K check against the Kamelets of camel-finsify-examples/kamelets. */
class CamelKResourcesTest {

    private static final Path KAMELETS = Path.of(System.getProperty("docs.repository.root", "../.."))
            .resolve("camel-finsify-examples/kamelets/src/main/resources/kamelets");

    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: finsify-credentials
            stringData:
              finsify.properties: |
                finsify.client-id=c
                finsify.service-secret=s
                finsify.login-secret=l
            """;

    private CamelKResources resources;

    @BeforeEach
    void catalogOfThisRepository() throws IOException {
        resources = new CamelKResources(KameletCatalog.load(KAMELETS));
        assertThat(problems(SECRET)).isEmpty();
    }

    @Test
    void aPipeOfTheTransactionsSourceWithItsRequiredPropertiesFromTheMountedSecretHolds() throws IOException {
        assertThat(problems(pipe("loginSecret: \"{{finsify.login-secret}}\"", "uri: log:tx?showHeaders=true")))
                .isEmpty();
    }

    @Test
    void aPropertyTheKameletDoesNotDeclareIsRefused() throws IOException {
        assertThat(problems(pipe("loginSecret: \"{{finsify.login-secret}}\"\n      pollDelay: 5", "uri: log:tx")))
                .singleElement().asString()
                .startsWith("spec.source.properties.pollDelay: finsify-transactions-source declares no such property");
    }

    @Test
    void aMissingRequiredPropertyIsRefused() throws IOException {
        assertThat(problems(pipe("delay: 1000", "uri: log:tx"))).singleElement().asString()
                .isEqualTo("spec.source.properties.loginSecret is required by finsify-transactions-source");
    }

    @Test
    void aPropertyOfTheWrongTypeIsRefused() throws IOException {
        assertThat(problems(pipe("loginSecret: \"{{finsify.login-secret}}\"\n      delay: soon", "uri: log:tx")))
                .singleElement().asString().isEqualTo("spec.source.properties.delay: \"soon\" is not of type integer");
    }

    @Test
    void aKameletThatIsNotInThisRepositoryIsRefused() throws IOException {
        String pipe = pipe("loginSecret: \"{{finsify.login-secret}}\"", "uri: log:tx")
                .replace("name: finsify-transactions-source", "name: finsify-transaction-source");
        assertThat(problems(pipe)).singleElement().asString()
                .startsWith("spec.source.ref.name: no Kamelet finsify-transaction-source in this repository");
    }

    @Test
    void aPlaceholderThatNoMountedSecretDefinesIsRefused() throws IOException {
        assertThat(problems(pipe("loginSecret: \"{{finsify.login.secret}}\"", "uri: log:tx"))).singleElement()
                .asString().startsWith("{{finsify.login.secret}} is defined by no Secret the Pipe mounts");
    }

    @Test
    void aSinkUriWithAnOptionItsComponentDoesNotHaveIsRefused() throws IOException {
        assertThat(problems(pipe("loginSecret: \"{{finsify.login-secret}}\"", "uri: log:tx?showHeader=true")))
                .singleElement().asString().startsWith("spec.sink.uri log:tx?showHeader=true:")
                .contains("showHeader");
    }

    @Test
    void anUnknownFieldOfThePipeIsRefused() throws IOException {
        String pipe = pipe("loginSecret: \"{{finsify.login-secret}}\"", "uri: log:tx").replace("  sink:", "  target:");
        assertThat(problems(pipe)).contains("spec.sink is missing")
                .anyMatch(p -> p.startsWith("spec.target: no such field"));
    }

    private static String pipe(String sourceProperties, String sink) {
        return """
                apiVersion: camel.apache.org/v1
                kind: Pipe
                metadata:
                  name: transactions-to-log
                spec:
                  integration:
                    traits:
                      mount:
                        configs:
                          - secret:finsify-credentials
                  source:
                    ref:
                      kind: Kamelet
                      apiVersion: camel.apache.org/v1
                      name: finsify-transactions-source
                    properties:
                      clientId: "{{finsify.client-id}}"
                      serviceSecret: "{{finsify.service-secret}}"
                      %s
                  sink:
                    %s
                """.formatted(sourceProperties, sink);
    }

    private List<String> problems(String yaml) throws IOException {
        JsonNode resource = new YAMLMapper().readTree(yaml);
        return resources.check(resource, new ArrayList<>());
    }
}
