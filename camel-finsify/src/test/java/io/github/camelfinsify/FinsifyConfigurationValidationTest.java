package io.github.camelfinsify;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Configuration mistakes fail fast, with a message that names the option.
 */
class FinsifyConfigurationValidationTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private Throwable startWith(String uri) {
        return catchThrowable(() -> {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(uri);
                }
            });
            context.start();
        });
    }

    private static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void missingClientIdFailsAtStartNamingTheOption() {
        Throwable failure = startWith("finsify:accounts?serviceSecret=RAW(s3cr3t-value-123)");

        assertThat(allMessages(failure)).contains("clientId must be set");
    }

    @Test
    void neitherSecretFailsAtStartNamingBothOptions() {
        Throwable failure = startWith("finsify:accounts?clientId=c1");

        assertThat(allMessages(failure)).contains("serviceSecret", "appSecret", "must be set");
    }

    @Test
    void bothSecretsFailAtStart() {
        Throwable failure = startWith("finsify:accounts?clientId=c1&serviceSecret=RAW(a-123456789012)"
                                      + "&appSecret=RAW(b-123456789012)");

        assertThat(allMessages(failure)).contains("only one of serviceSecret", "appSecret")
                .doesNotContain("a-123456789012", "b-123456789012");
    }

    @Test
    void baseUrlThatIsNotAnHttpUrlFailsAtStartNamingTheOption() {
        Throwable failure = startWith("finsify:accounts?clientId=c1&serviceSecret=RAW(s3cr3t-value-123)"
                                      + "&baseUrl=api.finsify.com/v2");

        assertThat(allMessages(failure)).contains("baseUrl must be an absolute http or https URL",
                "api.finsify.com/v2").doesNotContain("s3cr3t-value-123");
    }

    @Test
    void unknownOperationFailsListingTheValidOnes() {
        Throwable failure = startWith("finsify:acounts?clientId=c1&serviceSecret=x");

        assertThat(allMessages(failure)).contains("Unknown Finsify operation 'acounts'", "accounts", "refreshLogin");
    }

    @Test
    void badDateOptionFailsAtStartNamingTheOption() {
        Throwable failure = startWith("finsify:transactions?clientId=c1&serviceSecret=x&fromDate=2017/03/27");

        assertThat(allMessages(failure)).contains("Option fromDate must be a date as YYYY-MM-DD, was '2017/03/27'");
    }

    @Test
    void badDateHeaderFailsTheMessageNamingTheHeader() {
        assertThat(startWith("finsify:transactions?clientId=c1&serviceSecret=x&loginSecret=l&accountId=1")).isNull();

        Exchange exchange = context.createProducerTemplate().request("direct:in",
                e -> e.getIn().setHeader(FinsifyConstants.TO_DATE, "25-10-2017"));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Header CamelFinsifyToDate must be a date as YYYY-MM-DD, was '25-10-2017'");
    }

    @Test
    void operationNeedingALoginSecretWithoutOneFailsNamingHeaderAndOption() {
        assertThat(startWith("finsify:accounts?clientId=c1&serviceSecret=x")).isNull();

        Exchange exchange = context.createProducerTemplate().request("direct:in", e -> { });

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The accounts operation needs loginSecret: set header CamelFinsifyLoginSecret or option "
                            + "loginSecret");
    }

    @Test
    void unknownOperationInTheHeaderFailsTheMessage() {
        assertThat(startWith("finsify:accounts?clientId=c1&serviceSecret=x")).isNull();

        Exchange exchange = context.createProducerTemplate().request("direct:in",
                e -> e.getIn().setHeaders(Map.of(FinsifyConstants.OPERATION, "drainAccount")));

        assertThat(exchange.getException()).hasMessageContaining("Unknown Finsify operation 'drainAccount'");
    }

    @Test
    void consumerOnlyOperationCannotBeAProducer() {
        Throwable failure = startWith("finsify:webhook?clientId=c1&serviceSecret=x");

        assertThat(allMessages(failure)).contains("finsify:webhook only receives");
    }

    @Test
    void aSigningKeyShorterThan32BytesFailsAtStartNamingTheOptionButNotTheKey() {
        // set as a component option, as docs/security.md says: Camel does not mask this option's name in URIs
        context.getComponent("finsify", FinsifyComponent.class).getConfiguration()
                .setConnectSigningKey("only-26-characters-long");

        Throwable failure = startWith("finsify:createToken?clientId=c1&serviceSecret=x");

        assertThat(allMessages(failure)).contains("connectSigningKey", "at least 32 bytes")
                .doesNotContain("only-26-characters-long");
    }
}
