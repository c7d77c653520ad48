package io.github.camelfinsify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelfinsify.test.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * "Today" of the sync window is the date in option {@code timeZone}, read from the clock bound in the registry: the
 * window a partner in Kuala Lumpur asks for ends on Kuala Lumpur's date, whatever the JVM's zone.
 */
class SyncTimeZoneTest extends FinsifyWireMockTestSupport {

    /** 20:00 on 10 March in UTC is already 04:00 on 11 March in Kuala Lumpur (UTC+8). */
    private static final Instant EVENING_IN_UTC = Instant.parse("2026-03-10T20:00:00Z");

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected Registry createCamelRegistry() throws Exception {
        Registry registry = new DefaultRegistry();
        registry.bind("fixedClock", Clock.fixed(EVENING_IN_UTC, ZoneOffset.UTC));
        return registry;
    }

    private void poll(String timeZoneOption) throws Exception {
        api.stubFor(get("/v2/account").willReturn(okJson(json("accounts"))));
        api.stubFor(get(urlPathEqualTo("/v2/transaction")).willReturn(okJson(json("transactions"))));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("finsify:transactions?loginSecret=RAW(" + LOGIN_SECRET + ")&initialDelay=0&delay=3600000"
                     + timeZoneOption).to("mock:sync");
            }
        });
        context.start();
    }

    @Test
    void theWindowEndsOnTheDateOfTheConfiguredZone() throws Exception {
        poll("&timeZone=Asia/Kuala_Lumpur");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.verify(
                getRequestedFor(urlPathEqualTo("/v2/transaction")).withQueryParam("to_date", equalTo("2026-03-11"))));
    }

    @Test
    void theFirstWindowStartsNinetyDaysBeforeTodayInTheConfiguredZone() throws Exception {
        poll("&timeZone=Asia/Kuala_Lumpur");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.verify(
                getRequestedFor(urlPathEqualTo("/v2/transaction")).withQueryParam("from_date", equalTo("2025-12-11"))));
    }

    @Test
    void inUtcTheSameInstantIsStillTheDayBefore() throws Exception {
        poll("&timeZone=UTC");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.verify(
                getRequestedFor(urlPathEqualTo("/v2/transaction")).withQueryParam("to_date", equalTo("2026-03-10"))
                        .withQueryParam("from_date", equalTo("2025-12-10"))));
    }

    @Test
    void anUnknownZoneFailsAtStartNamingTheOption() {
        assertThatThrownBy(() -> poll("&timeZone=Asia/Atlantis"))
                .hasStackTraceContaining("Option timeZone must be a time zone id")
                .hasStackTraceContaining("was 'Asia/Atlantis'");
    }
}
