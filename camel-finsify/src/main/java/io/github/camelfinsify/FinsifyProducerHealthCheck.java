package io.github.camelfinsify;

import java.util.Map;

import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.model.Account;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.util.URISupport;

/**
 * Readiness of a finsify producer: one un-retried GET /account tells whether the API is reachable and accepts the
 * partner's credentials, and, when the endpoint has a login secret, whether that login works and does not need its
 * user. Messages carry the reason and never a secret.
 */
final class FinsifyProducerHealthCheck implements HealthCheck {

    /** A login secret no login has: LoginNotFound then means the partner's credentials were accepted. */
    static final String PROBE_SECRET = "camel-finsify-health-probe";

    private final FinsifyEndpoint endpoint;
    private final String id;
    private boolean enabled = true;

    FinsifyProducerHealthCheck(FinsifyEndpoint endpoint) {
        this.endpoint = endpoint;
        this.id = "producer:finsify-" + endpoint.getOperation() + "-" + Integer.toHexString(System.identityHashCode(endpoint));
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false; // an API outage is not a reason to restart this application
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this)
                .detail(ENDPOINT_URI, URISupport.sanitizeUri(endpoint.getEndpointUri()))
                .detail("service.url", endpoint.getServiceUrl());
        if (endpoint.getClient() == null) {
            return result.unknown().message("The endpoint is not started").build();
        }
        String loginSecret = endpoint.getConfiguration().getLoginSecret();
        try {
            java.util.List<Account> accounts = endpoint.getClient().ping(loginSecret != null ? loginSecret : PROBE_SECRET);
            if (!accounts.isEmpty()) {
                endpoint.getComponent().loginStatuses().checkUsable(accounts.get(0).loginId());
            }
            return result.up().build();
        } catch (FinsifyApiException e) {
            if (loginSecret == null && e.errorCode() == FinsifyErrorCode.LOGIN_NOT_FOUND) {
                return result.up().build();
            }
            result.detail(HTTP_RESPONSE_CODE, e.statusCode()).detail("finsify.error.code", e.errorCode().name());
            return result.down().message(reason(e)).error(e).build();
        } catch (FinsifyLoginActionRequiredException e) {
            return result.down().message(e.getMessage()).error(e).build();
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
