package io.github.camelfinsify.examples.kamelets;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinsifyActionSinkKameletTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension(builder -> { });

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ROUTE = """
            - route:
                from:
                  uri: "direct:finsify"
                  steps:
                    - to:
                        uri: "kamelet:finsify-action-sink"
                        parameters:
                          clientId: "{{finsify.client-id}}"
                          serviceSecret: "{{finsify.service-secret}}"
                          baseUrl: "{{finsify.base-url}}"
                          operation: accounts
            """;

    @Test
    void aYamlRouteCallsTheOperationOfItsPropertyOrHeaderAndRepliesWithJson(FinsifySandbox sandbox, @TempDir Path dir)
            throws Exception {
        SandboxLogin login = sandbox.connectLogin("user_good");
        try (KameletRunner runner = new KameletRunner(dir, ROUTE, Map.of(
                "finsify.client-id", sandbox.clientId(),
                "finsify.service-secret", sandbox.serviceSecret(),
                "finsify.base-url", sandbox.baseUrl())).start()) {
            ProducerTemplate template = runner.producer();
            // the property's operation, the login from the header
            String accounts = template.requestBodyAndHeader("direct:finsify", null,
                    FinsifyConstants.LOGIN_SECRET, login.secret(), String.class);
            JsonNode list = JSON.readTree(accounts);
            assertThat(list.isArray()).isTrue();
            assertThat(list.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(
                    login.accountIds().stream().map(String::valueOf).toList());

            // other operations through the header
            long accountId = login.accountIds().get(0);
            String transactions = template.requestBodyAndHeaders("direct:finsify", null, Map.of(
                    FinsifyConstants.OPERATION, "transactions",
                    FinsifyConstants.LOGIN_SECRET, login.secret(),
                    FinsifyConstants.ACCOUNT_ID, accountId,
                    FinsifyConstants.FROM_DATE, "2000-01-01"), String.class);
            assertThat(JSON.readTree(transactions)).hasSize(sandbox.transactions(accountId).size());
            String refresh = template.requestBodyAndHeaders("direct:finsify", null, Map.of(
                    FinsifyConstants.OPERATION, "refreshLogin",
                    FinsifyConstants.LOGIN_SECRET, login.secret()), String.class);
            assertThat(JSON.readTree(refresh).get("id").asLong()).isEqualTo(login.loginId());

            // a failed call fails the message with the API's error
            assertThatThrownBy(() -> template.requestBodyAndHeader("direct:finsify", null,
                    FinsifyConstants.LOGIN_SECRET, "not-a-login", String.class))
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOfSatisfying(FinsifyApiException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.LOGIN_NOT_FOUND));
        }
    }
}
