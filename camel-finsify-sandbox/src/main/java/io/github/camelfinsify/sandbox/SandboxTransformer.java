package io.github.camelfinsify.sandbox;

import com.github.tomakehurst.wiremock.common.InputStreamSource;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WireMock extension that turns every request into a call of the sandbox's engine. It is attached to
 * one catch-all stub; the engine's reply becomes WireMock's response: status, headers, a byte or streamed
 * body, a transport {@link Fault}, or an initial delay.
 */
final class SandboxTransformer implements ResponseTransformerV2 {

    static final String NAME = "finsify-sandbox";
    private static final Logger LOG = LoggerFactory.getLogger(SandboxTransformer.class);

    private volatile SandboxEngine engine;

    void engine(SandboxEngine engine) {
        this.engine = engine;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        ApiReply reply;
        try {
            reply = engine.handle(ApiRequest.of(request.getMethod().getName(), request.getUrl(),
                    request::getHeader, request.getBodyAsString()));
        } catch (RuntimeException e) {
            LOG.error("Sandbox failed on {} {}", request.getMethod(), path(request.getUrl()), e);
            reply = new ApiError(500, "InternalError", "Sorry server is crash. Please try again.", Json.object())
                    .reply();
        }
        List<HttpHeader> headers = new ArrayList<>();
        reply.headers.forEach((name, value) -> headers.add(new HttpHeader(name, value)));
        Response.Builder builder = Response.Builder.like(response)
                .status(reply.status)
                .headers(new HttpHeaders(headers));
        if (reply.stream != null) {
            InputStreamSource source = reply.stream::get;
            builder.body(source);
        } else {
            builder.body(reply.body);
        }
        if (reply.fault == ApiReply.TransportFault.CONNECTION_RESET) {
            builder.fault(Fault.CONNECTION_RESET_BY_PEER);
        }
        if (reply.delayMillis > 0) {
            builder.incrementInitialDelay(reply.delayMillis);
        }
        return builder.build();
    }

    private static String path(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
