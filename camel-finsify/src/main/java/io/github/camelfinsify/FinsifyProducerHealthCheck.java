package io.github.camelfinsify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.model.Account;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.URISupport;

/**
 * Readiness of a finsify producer: one un-retried GET /account tells whether the API is reachable and accepts the
 * partner's credentials, and, when the endpoint has a login secret, whether that login works. The API's answer is
 * reused for {@code healthCheckInterval} (by every producer endpoint of the same client and login secret); whether the
 * login needs its user is looked up on every check, as the webhook that says so is seen locally. Messages carry the
 * reason and never a secret.
 */
final class FinsifyProducerHealthCheck extends AbstractHealthCheck {

    /** A login secret no login has: LoginNotFound then means the partner's credentials were accepted. */
    static final String PROBE_SECRET = "camel-finsify-health-probe";

    private final FinsifyEndpoint endpoint;

    FinsifyProducerHealthCheck(FinsifyEndpoint endpoint) {
        super("camel", "producer:finsify-" + endpoint.getOperation() + "-"
                       + Integer.toHexString(System.identityHashCode(endpoint)));
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false; // an API outage is not a reason to restart this application
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail(ENDPOINT_URI, URISupport.sanitizeUri(endpoint.getEndpointUri()))
                .detail("service.url", endpoint.getServiceUrl());
        FinsifyClient client = endpoint.getClient();
        if (client == null) {
            builder.unknown().message("The endpoint is not started");
            return;
        }
        String loginSecret = endpoint.getConfiguration().getLoginSecret();
        String probeSecret = loginSecret != null ? loginSecret : PROBE_SECRET;
        try {
            HealthProbes.Answer answer = endpoint.getComponent().healthProbes().of(client, probeSecret)
                    .ask(endpoint.getComponent().clock(),
                            Duration.ofMillis(endpoint.getConfiguration().getHealthCheckInterval()),
                            () -> probe(client, probeSecret));
            FinsifyApiException failure = answer.failure();
            if (failure != null && !(loginSecret == null && failure.errorCode() == FinsifyErrorCode.LOGIN_NOT_FOUND)) {
                builder.detail(HTTP_RESPONSE_CODE, failure.statusCode())
                        .detail("finsify.error.code", failure.errorCode().name())
                        .down().message(reason(failure)).error(failure);
                return;
            }
            if (answer.loginId() != null) {
                endpoint.getComponent().loginStatuses().checkUsable(answer.loginId());
            }
            builder.up();
        } catch (FinsifyLoginActionRequiredException e) {
            builder.down().message(e.getMessage()).error(e);
        } catch (RuntimeException e) {
            // a check never throws: whatever went wrong is the reason it is DOWN
            builder.down().message("The health probe failed: " + e.getClass().getSimpleName()).error(e);
        }
    }

    private static HealthProbes.Answer probe(FinsifyClient client, String probeSecret) {
        try {
            List<Account> accounts = client.ping(probeSecret);
            return new HealthProbes.Answer(accounts.isEmpty() ? null : accounts.get(0).loginId(), null);
        } catch (FinsifyApiException e) {
            return new HealthProbes.Answer(null, e);
        }
    }

    private static String reason(FinsifyApiException e) {
        return switch (e.errorCode()) {
            case CREDENTIAL_INVALID, CLIENT_NOT_FOUND -> "Finsify refused the partner's credentials (clientId and "
                                                         + "serviceSecret or appSecret): " + e.getMessage();
            case NETWORK -> "The Finsify API is unreachable: " + e.getMessage();
            case LOGIN_NOT_FOUND -> "The login of option loginSecret does not exist (any more): " + e.getMessage();
            default -> e.getMessage();
        };
    }
}
