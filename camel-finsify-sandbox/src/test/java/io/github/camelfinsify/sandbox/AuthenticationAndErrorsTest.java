package io.github.camelfinsify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthenticationAndErrorsTest {

    @RegisterExtension
    static FinsifySandboxExtension extension = new FinsifySandboxExtension();

    FinsifySandbox sandbox;

    @BeforeEach
    void setUp() {
        sandbox = extension.sandbox();
        sandbox.reset();
    }

    private static void assertError(Http.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json.path("error").asText()).isEqualTo(error);
        assertThat(json.path("message").asText()).isNotBlank();
        assertThat(json.get("extra").isObject()).isTrue();
    }

    @Test
    void unknownClientIdIsClientNotFound() {
        Http http = Http.bare(sandbox).with("client-id", "someone-else")
                .with("service-secret", sandbox.serviceSecret()).with("content-type", "application/json");
        assertError(http.post("/v2/customer", "{\"identifier\":\"a\"}"), 404, "ClientNotFound");
    }

    @Test
    void missingClientIdIsClientNotFound() {
        Http http = Http.bare(sandbox).with("service-secret", sandbox.serviceSecret());
        assertError(http.get("/v2/account"), 404, "ClientNotFound");
    }

    @Test
    void wrongServiceSecretIsCredentialInvalid() {
        Http http = Http.bare(sandbox).with("client-id", sandbox.clientId()).with("service-secret", "nope")
                .with("content-type", "application/json");
        assertError(http.post("/v2/customer", "{\"identifier\":\"a\"}"), 400, "CredentialInvalid");
    }

    @Test
    void missingSecretIsCredentialInvalid() {
        Http http = Http.bare(sandbox).with("client-id", sandbox.clientId()).with("content-type", "application/json");
        assertError(http.post("/v2/customer", "{\"identifier\":\"a\"}"), 400, "CredentialInvalid");
    }

    @Test
    void wrongAppSecretIsCredentialInvalid() {
        Http http = Http.bare(sandbox).with("client-id", sandbox.clientId()).with("app-secret", "nope")
                .with("content-type", "application/json");
        assertError(http.post("/v2/customer", "{\"identifier\":\"a\"}"), 400, "CredentialInvalid");
    }

    @Test
    void appSecretAuthenticatesLikeServiceSecret() {
        Http http = Http.bare(sandbox).with("client-id", sandbox.clientId()).with("app-secret", sandbox.appSecret())
                .with("content-type", "application/json");
        assertThat(http.post("/v2/customer", "{\"identifier\":\"mobile-user\"}").status()).isEqualTo(200);
    }

    @Test
    void nonJsonContentTypeOnPostIsContentInputInvalid() {
        Http http = Http.bare(sandbox).with("client-id", sandbox.clientId())
                .with("service-secret", sandbox.serviceSecret()).with("content-type", "text/plain");
        assertError(http.post("/v2/customer", "{\"identifier\":\"a\"}"), 400, "ContentInputInvalid");
    }

    @Test
    void missingContentTypeOnPutIsContentInputInvalid() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        Http http = Http.bare(sandbox).with("client-id", sandbox.clientId())
                .with("service-secret", sandbox.serviceSecret()).login(login.secret());
        assertError(http.put("/v2/login/refresh", null), 400, "ContentInputInvalid");
    }

    @Test
    void jsonContentTypeWithCharsetIsAccepted() {
        Http http = Http.bare(sandbox).with("client-id", sandbox.clientId())
                .with("service-secret", sandbox.serviceSecret()).with("content-type", "application/json; charset=UTF-8");
        assertThat(http.post("/v2/customer", "{\"identifier\":\"charset\"}").status()).isEqualTo(200);
    }

    @Test
    void unknownLoginSecretIsLoginNotFoundEchoingTheSecret() {
        String secret = "d16bdfd0-5bd2-46d3-96c2-12313sdsda";
        Http.Answer answer = Http.api(sandbox).login(secret).get("/v2/account");
        assertError(answer, 404, "LoginNotFound");
        assertThat(answer.json().path("message").asText())
                .isEqualTo("Cannot find Login with login secret: '" + secret + "'.");
        assertThat(answer.json().path("extra").path("loginSecret").asText()).isEqualTo(secret);
    }

    @Test
    void missingLoginSecretIsLoginNotFound() {
        assertError(Http.api(sandbox).get("/v2/account"), 404, "LoginNotFound");
    }

    @Test
    void unknownAccountIsAccountNotFound() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        Http.Answer answer = Http.api(sandbox).login(login.secret()).get("/v2/transaction?account_id=999999");
        assertError(answer, 404, "AccountNotFound");
        assertThat(answer.json().path("extra").path("accountId").asLong()).isEqualTo(999999);
    }

    @Test
    void accountOfAnotherLoginIsAccountNotFound() {
        SandboxLogin mine = sandbox.connectLogin("user_good");
        SandboxLogin theirs = sandbox.connectLogin("user_good");
        Http.Answer answer = Http.api(sandbox).login(mine.secret())
                .get("/v2/transaction?account_id=" + theirs.accountIds().get(0));
        assertError(answer, 404, "AccountNotFound");
    }

    @Test
    void unknownCustomerIsCustomerNotFound() {
        Http.Answer answer = Http.api(sandbox).post("/v2/token",
                "{\"customer_id\":\"no-such-customer\",\"service_id\":8,\"callback_url\":\"http://localhost/cb\"}");
        assertError(answer, 404, "CustomerNotFound");
    }

    @Test
    void unknownServiceIsServiceNotFound() {
        String customerId = Http.api(sandbox).post("/v2/customer", "{\"identifier\":\"svc\"}").json()
                .path("data").path("customer_id").asText();
        Http.Answer answer = Http.api(sandbox).post("/v2/token",
                "{\"customer_id\":\"" + customerId + "\",\"service_id\":99999,\"callback_url\":\"http://localhost/cb\"}");
        assertError(answer, 404, "ServiceNotFound");
    }

    @Test
    void missingIdentifierIsDataInvalid() {
        assertError(Http.api(sandbox).post("/v2/customer", "{}"), 400, "DataInvalid");
    }

    @Test
    void missingCallbackUrlIsDataInvalid() {
        String customerId = Http.api(sandbox).post("/v2/customer", "{\"identifier\":\"cb\"}").json()
                .path("data").path("customer_id").asText();
        assertError(Http.api(sandbox).post("/v2/token", "{\"customer_id\":\"" + customerId + "\",\"service_id\":8}"),
                400, "DataInvalid");
    }

    @Test
    void missingAccountIdIsDataInvalid() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        assertError(Http.api(sandbox).login(login.secret()).get("/v2/transaction"), 400, "DataInvalid");
    }

    @Test
    void malformedDateIsDataInvalid() {
        SandboxLogin login = sandbox.connectLogin("user_good");
        assertError(Http.api(sandbox).login(login.secret())
                .get("/v2/transaction?account_id=" + login.accountIds().get(0) + "&from_date=26/08/2016"),
                400, "DataInvalid");
    }

    @Test
    void bodyThatIsNotJsonIsBadRequest() {
        assertError(Http.api(sandbox).post("/v2/customer", "identifier=x"), 400, "BadRequest");
    }

    @Test
    void unknownEndpointIsBadRequest() {
        assertError(Http.api(sandbox).get("/v2/nothing-here"), 400, "BadRequest");
    }
}
