package io.github.camelfinsify;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated {@code finsify.json}, which Camel tooling and catalogs read, lists the whole public contract.
 */
class FinsifyComponentMetadataTest {

    private static final List<String> CONTRACT_OPTIONS = List.of(
            "operation", "clientId", "serviceSecret", "appSecret", "baseUrl", "servicesUrl", "loginSecret",
            "identifier", "customerId", "serviceId", "callbackUrl", "accountId", "fromDate", "toDate", "countryCode",
            "serviceType", "servicesCacheTtl", "connectTimeout", "responseTimeout", "maxRetries", "retryDelay",
            "sslContextParameters", "httpClientConfigurer", "streaming", "initialFromDate", "lookbackDays",
            "changeTypes", "stateRepository", "delay", "initialDelay", "backoffMultiplier", "path", "webhookToken",
            "fetchTransactions", "loginSecretResolver", "idempotentRepository", "maxBodySize", "redirectUrl");

    private static final Map<String, String> CONTRACT_HEADERS = Map.ofEntries(
            Map.entry("OPERATION", "CamelFinsifyOperation"), Map.entry("LOGIN_SECRET", "CamelFinsifyLoginSecret"),
            Map.entry("IDENTIFIER", "CamelFinsifyIdentifier"), Map.entry("CUSTOMER_ID", "CamelFinsifyCustomerId"),
            Map.entry("SERVICE_ID", "CamelFinsifyServiceId"), Map.entry("CALLBACK_URL", "CamelFinsifyCallbackUrl"),
            Map.entry("ACCOUNT_ID", "CamelFinsifyAccountId"), Map.entry("FROM_DATE", "CamelFinsifyFromDate"),
            Map.entry("TO_DATE", "CamelFinsifyToDate"), Map.entry("LOGIN_ID", "CamelFinsifyLoginId"),
            Map.entry("EVENT_TYPE", "CamelFinsifyEventType"), Map.entry("LOGIN_STATUS", "CamelFinsifyLoginStatus"),
            Map.entry("CHANGE_TYPE", "CamelFinsifyChangeType"), Map.entry("EVENT", "CamelFinsifyEvent"),
            Map.entry("API_VERSION", "CamelFinsifyApiVersion"),
            Map.entry("NEXT_REFRESH_POSSIBLE_AT", "CamelFinsifyNextRefreshPossibleAt"));

    private static final Set<String> SECRET_OPTIONS = Set.of("serviceSecret", "appSecret", "loginSecret",
            "webhookToken");

    private final JsonNode json = read();

    private static JsonNode read() {
        try (InputStream in = FinsifyComponentMetadataTest.class
                .getResourceAsStream("/META-INF/io/github/camelfinsify/finsify.json")) {
            assertThat(in).as("finsify.json on the class path").isNotNull();
            return new ObjectMapper().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void describesTheFinsifyScheme() {
        JsonNode component = json.get("component");
        assertThat(component.get("scheme").asText()).isEqualTo("finsify");
        assertThat(component.get("syntax").asText()).isEqualTo("finsify:operation");
        assertThat(component.get("groupId").asText()).isEqualTo("io.github.camelfinsify");
        assertThat(component.get("artifactId").asText()).isEqualTo("camel-finsify");
        assertThat(component.get("description").asText()).isNotBlank();
    }

    @Test
    void listsEveryContractOptionWithADescription() {
        JsonNode properties = json.get("properties");
        for (String option : CONTRACT_OPTIONS) {
            assertThat(properties.has(option)).as("option %s", option).isTrue();
        }
        List<String> undocumented = new ArrayList<>();
        properties.fields().forEachRemaining(e -> {
            if (e.getValue().path("description").asText().isBlank()) {
                undocumented.add(e.getKey());
            }
        });
        assertThat(undocumented).as("options without a description").isEmpty();
    }

    @Test
    void marksEverySecretOptionAsSecret() {
        for (String option : SECRET_OPTIONS) {
            assertThat(json.get("properties").get(option).path("secret").asBoolean()).as(option).isTrue();
            assertThat(json.get("componentProperties").get(option).path("secret").asBoolean()).as(option).isTrue();
        }
        assertThat(json.get("headers").get("CamelFinsifyLoginSecret").path("secret").asBoolean()).isTrue();
    }

    @Test
    void listsEveryContractHeaderWithItsConstantAndADescription() {
        JsonNode headers = json.get("headers");
        CONTRACT_HEADERS.forEach((constant, header) -> {
            assertThat(headers.has(header)).as("header %s", header).isTrue();
            assertThat(headers.get(header).path("constantName").asText()).endsWith("#" + constant);
            assertThat(headers.get(header).path("description").asText()).isNotBlank();
        });
    }

    @Test
    void componentLevelOptionsIncludeTheSharedConfiguration() {
        JsonNode component = json.get("componentProperties");
        assertThat(component.has("clientId")).isTrue();
        assertThat(component.has("baseUrl")).isTrue();
        assertThat(component.has("healthCheckConsumerEnabled")).isTrue();
    }
}
