package io.github.camelfinsify.docs;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What the Java, YAML, properties and SQL blocks of a page run against, in this JVM: the sandbox (one for the whole
 * run, on a free port), a connected {@code user_good} login, and a database of the page.
 * <p>
 * The environment a snippet sees through {@code {{env:NAME}}} is {@link #environment()}: the JVM cannot change its
 * own environment, so Camel's {@code env} function is replaced by one that reads this map first, then the real one.
 */
public final class PageContext {

    public static final String WEBHOOK_TOKEN = "docs-test-webhook-token";

    private final FinsifySandbox sandbox;
    private final SandboxLogin login;
    private final DataSource dataSource;

    public PageContext(FinsifySandbox sandbox, SandboxLogin login, String page) {
        this.sandbox = sandbox;
        this.login = login;
        JdbcDataSource h2 = new JdbcDataSource();
        // one in-memory database per page: its sql blocks create what its routes use
        h2.setURL("jdbc:h2:mem:" + page.replaceAll("\\W", "_") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        this.dataSource = h2;
    }

    /** The component options that point routes at the sandbox, and the properties the docs' routes refer to. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.component.finsify.base-url", sandbox.baseUrl());
        properties.put("camel.component.finsify.services-url", sandbox.servicesUrl());
        properties.put("camel.component.finsify.client-id", sandbox.clientId());
        properties.put("camel.component.finsify.service-secret", sandbox.serviceSecret());
        properties.put("finsify.login-secret", login.secret());
        properties.put("finsify.webhook-token", WEBHOOK_TOKEN);
        return properties;
    }

    /** The variables a reader of the docs has exported: the sandbox's URLs and credentials and the login's secret. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FINSIFY_BASE_URL", sandbox.baseUrl());
        env.put("FINSIFY_SERVICES_URL", sandbox.servicesUrl());
        env.put("FINSIFY_CLIENT_ID", sandbox.clientId());
        env.put("FINSIFY_SERVICE_SECRET", sandbox.serviceSecret());
        env.put("FINSIFY_APP_SECRET", sandbox.appSecret());
        env.put("FINSIFY_LOGIN_SECRET", login.secret());
        env.put("FINSIFY_WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        return env;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public FinsifySandbox sandbox() {
        return sandbox;
    }
}
