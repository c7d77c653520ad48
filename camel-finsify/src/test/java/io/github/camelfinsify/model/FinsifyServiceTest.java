package io.github.camelfinsify.model;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.camelfinsify.client.FinsifyJson;
import org.junit.jupiter.api.Test;

import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

class FinsifyServiceTest {

    private final FinsifyService ambank = read();

    private static FinsifyService read() {
        try {
            return FinsifyJson.mapper().readValue(json("services"), new TypeReference<List<FinsifyService>>() {
            }).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void logoUrlJoinsMediaPathAndLogoFileName() {
        assertThat(ambank.logoUrl()).isEqualTo("https://assets.finsify.com/services/ambank-logo.png");
    }

    @Test
    void coverUrlPutsTheSizeBeforeTheExtension() {
        assertThat(ambank.coverUrl(CoverSize.MEDIUM)).isEqualTo("https://assets.finsify.com/services/ambank-cover-medium.png");
        assertThat(ambank.coverUrl(CoverSize.SMALL)).endsWith("/ambank-cover-small.png");
        assertThat(ambank.coverUrl(CoverSize.LARGE)).endsWith("/ambank-cover-large.png");
    }

    @Test
    void coverUrlWorksForTheReferencesJpegExample() {
        FinsifyService westpac = new FinsifyService(1, "Westpac", "Finsify", "https://assets.finsify.com/services",
                "westpac_bank-cover.jpg", null, null, "bank", "AU", true, null);

        assertThat(westpac.coverUrl(CoverSize.LARGE))
                .isEqualTo("https://assets.finsify.com/services/westpac_bank-cover-large.jpg");
    }

    @Test
    void callToActionSampleReads() throws Exception {
        CallToAction cta = FinsifyJson.mapper().readTree(json("call-to-action")).get("call_to_action")
                .traverse(FinsifyJson.mapper()).readValueAs(CallToAction.class);

        assertThat(cta).isEqualTo(new CallToAction("No account yet?", "Register now!",
                "https://example.com/register-account"));
    }

    @Test
    void connectResultToStringMasksTheSecret() throws Exception {
        ConnectResult result = FinsifyJson.mapper().readValue(json("connect-success"), ConnectResult.class);

        assertThat(result.isSuccess()).isTrue();
        assertThat(result.loginId()).isEqualTo(23456L);
        assertThat(result.toString()).doesNotContain("78cea84c-7eb8-4425-2312-3a1ac8383afe").contains("****3afe");
    }

    @Test
    void unknownLoginStatusIsKeptNotRejected() {
        assertThat(LoginStatus.fromWireValue("login_wrong_credentials")).isEqualTo(LoginStatus.WRONG_CREDENTIALS);
        assertThat(LoginStatus.fromWireValue("login_password_expired")).isEqualTo(LoginStatus.PASSWORD_EXPIRED);
        assertThat(LoginStatus.fromWireValue("login_account_locked")).isEqualTo(LoginStatus.ACCOUNT_LOCKED);
        assertThat(LoginStatus.fromWireValue("login_on_holiday")).isEqualTo(LoginStatus.UNKNOWN);
        assertThat(new LoginStatusEvent(538, LoginStatus.ACCOUNT_LOCKED, "login_account_locked").requiresUserAction())
                .isTrue();
    }
}
