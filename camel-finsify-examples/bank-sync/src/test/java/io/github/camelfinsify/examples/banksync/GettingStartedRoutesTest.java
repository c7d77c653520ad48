package io.github.camelfinsify.examples.banksync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The first routes of docs/getting-started.md run as written, against the sandbox. */
class GettingStartedRoutesTest {

    @RegisterExtension
    static FinsifySandboxExtension sandbox = new FinsifySandboxExtension();

    @TempDir
    Path dir;

    /** Copy of the Java DSL route of docs/getting-started.md. */
    static class BalancesRoute extends RouteBuilder {
        @Override
        public void configure() {
            from("timer:balances?period=3600000").routeId("balances")
                .to("finsify:accounts?loginSecret={{finsify.login-secret}}")
                .split(body())
                    .log("${body.name}: ${body.balance} ${body.currency}");
        }
    }

    @Test
    void javaRouteReadsTheBalances(FinsifySandbox finsify) throws Exception {
        runs(finsify, main -> main.configure().addRoutesBuilder(new BalancesRoute()));
    }

    @Test
    void yamlRouteOfTheDocReadsTheBalances(FinsifySandbox finsify) throws Exception {
        String doc = Files.readString(Path.of("../../docs/getting-started.md"));
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(yaml.find()).as("a yaml block in getting-started.md").isTrue();
        Files.writeString(dir.resolve("balances.camel.yaml"), yaml.group(1));
        runs(finsify, main -> main.addOverrideProperty("camel.main.routes-include-pattern",
                "file:" + dir.toAbsolutePath() + "/*.camel.yaml"));
    }

    private static void runs(FinsifySandbox finsify, java.util.function.Consumer<Main> routes) throws Exception {
        SandboxLogin login = finsify.connectLogin("user_good");
        Main main = new Main();
        main.addOverrideProperty("camel.component.finsify.base-url", finsify.baseUrl());
        main.addOverrideProperty("camel.component.finsify.services-url", finsify.servicesUrl());
        main.addOverrideProperty("camel.component.finsify.client-id", finsify.clientId());
        main.addOverrideProperty("camel.component.finsify.service-secret", finsify.serviceSecret());
        main.addOverrideProperty("finsify.login-secret", login.secret());
        // not the demo's application.properties: only what the doc's routes need
        main.setDefaultPropertyPlaceholderLocation("false");
        routes.accept(main);
        main.start();
        try {
            NotifyBuilder completed = new NotifyBuilder(main.getCamelContext()).fromRoute("balances")
                    .whenCompleted(1).create();
            NotifyBuilder failed = new NotifyBuilder(main.getCamelContext()).fromRoute("balances")
                    .whenFailed(1).create();
            assertThat(completed.matches(20, TimeUnit.SECONDS)).as("the route completed").isTrue();
            assertThat(failed.matches()).as("the route failed").isFalse();
        } finally {
            main.stop();
        }
    }
}
