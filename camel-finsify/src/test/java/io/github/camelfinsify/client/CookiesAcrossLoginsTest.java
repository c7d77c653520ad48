package io.github.camelfinsify.client;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.camelfinsify.test.Fixtures.json;

/**
 * One client serves every login of the partner: a cookie the API (or a load balancer before it) sets in the answer
 * to one login's call is not sent with the next login's calls.
 */
class CookiesAcrossLoginsTest {

    private static final String FIRST_LOGIN = "78cea84c-7eb8-4425-2312-3a1ac8383afe";
    private static final String SECOND_LOGIN = "626fb63e-0543-4722-9e78-e9e42fca2e85";

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final FinsifyClient client = new FinsifyClient(FinsifyClientConfig.builder()
            .baseUrl(api.baseUrl() + "/v2")
            .clientId("sample-clientId")
            .serviceSecret("75167f66-22dc-415d-b799-c0dd73b951ca")
            .build());

    @AfterEach
    void close() throws Exception {
        client.close();
    }

    @Test
    void aCookieSetForOneLoginIsNotSentWithAnotherLoginsCall() {
        api.stubFor(get("/v2/account").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withHeader("Set-Cookie", "session=first-login; Path=/").withBody(json("accounts"))));

        client.accounts(FIRST_LOGIN);
        client.accounts(SECOND_LOGIN);

        api.verify(getRequestedFor(urlPathEqualTo("/v2/account")).withHeader("login-secret", equalTo(SECOND_LOGIN))
                .withHeader("Cookie", absent()));
    }
}
