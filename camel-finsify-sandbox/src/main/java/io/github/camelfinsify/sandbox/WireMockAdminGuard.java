package io.github.camelfinsify.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.AdminRequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Stands before WireMock's own admin API ({@code /__admin}). Left open, it lets anyone add stubs (a proxy stub
 * makes the sandbox an open relay), read the journal, or {@code POST /__admin/shutdown}; the sandbox needs none
 * of it, so it is refused unless switched on, and then guarded by the admin token when there is one.
 */
final class WireMockAdminGuard implements AdminRequestFilterV2 {

    static final String NAME = "finsify-sandbox-wiremock-admin-guard";

    private final boolean enabled;
    private final AdminAccess access;

    WireMockAdminGuard(boolean enabled, AdminAccess access) {
        this.enabled = enabled;
        this.access = access;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        if (!enabled) {
            return stop(403, "Forbidden", "WireMock's admin API (/__admin) is switched off in the Finsify sandbox;"
                    + " start it with --wiremock-admin (FinsifySandbox.builder().wireMockAdmin(true)) to use it");
        }
        if (!access.permits(request.getHeader(AdminAccess.HEADER))) {
            return stop(401, "Unauthorized", "WireMock's admin API needs header Authorization: Bearer <admin token>");
        }
        return RequestFilterAction.continueWith(request);
    }

    private static RequestFilterAction stop(int status, String error, String message) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("message", message);
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.text(body));
        if (status == 401) {
            response.withHeader("WWW-Authenticate", AdminAccess.CHALLENGE);
        }
        return RequestFilterAction.stopWith(response.build());
    }
}
