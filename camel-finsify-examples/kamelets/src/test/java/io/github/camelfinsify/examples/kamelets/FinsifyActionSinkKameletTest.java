package io.github.camelfinsify.examples.kamelets;

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
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinsifyActionSinkKameletTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension(builder -> { });

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callsTheOperationOfItsPropertyOrHeaderAndRepliesWithJson(FinsifySandbox sandbox) throws Exception {
        SandboxLogin login = sandbox.connectLogin("user_good");
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:finsify")
                        .to("kamelet:finsify-action-sink?clientId=" + sandbox.clientId()
                            + "&serviceSecret=RAW(" + sandbox.serviceSecret() + ")&baseUrl=" + sandbox.baseUrl()
                            + "&operation=accounts");
            }
        };
        try (KameletRunner runner = new KameletRunner(routes).start()) {
            // the property's operation, the login from the header
            String accounts = runner.template().requestBodyAndHeader("direct:finsify", null,
                    FinsifyConstants.LOGIN_SECRET, login.secret(), String.class);
            JsonNode list = JSON.readTree(accounts);
            assertThat(list.isArray()).isTrue();
            assertThat(list).hasSize(login.accountIds().size());
            assertThat(list.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(
                    login.accountIds().stream().map(String::valueOf).toList());

            // another operation through the header
            long accountId = login.accountIds().get(0);
            String transactions = runner.template().requestBodyAndHeaders("direct:finsify", null, Map.of(
                    FinsifyConstants.OPERATION, "transactions",
                    FinsifyConstants.LOGIN_SECRET, login.secret(),
                    FinsifyConstants.ACCOUNT_ID, accountId,
                    FinsifyConstants.FROM_DATE, "2000-01-01"), String.class);
            assertThat(JSON.readTree(transactions)).hasSize(sandbox.transactions(accountId).size());

            // a failed call fails the message with the API's error
            assertThatThrownBy(() -> runner.template().requestBodyAndHeader("direct:finsify", null,
                    FinsifyConstants.LOGIN_SECRET, "not-a-login", String.class))
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOfSatisfying(FinsifyApiException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(FinsifyErrorCode.LOGIN_NOT_FOUND));
        }
    }
}
