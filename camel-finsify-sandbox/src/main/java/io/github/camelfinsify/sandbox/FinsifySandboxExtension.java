package io.github.camelfinsify.sandbox;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link FinsifySandbox} per test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static FinsifySandboxExtension sandbox = new FinsifySandboxExtension(b -> b.refreshCooldown(Duration.ZERO));
 *
 * @Test
 * void readsAccounts(FinsifySandbox sandbox) { ... }   // or sandbox.sandbox()
 * }</pre>
 *
 * <p>Registered on a static field it starts before all tests and stops after them; on an instance field it
 * starts before and stops after each test. Test methods and constructors can take a {@code FinsifySandbox}
 * parameter.
 */
public final class FinsifySandboxExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Consumer<FinsifySandbox.Builder> customizer;
    private FinsifySandbox sandbox;
    private boolean perTest;

    public FinsifySandboxExtension() {
        this(builder -> { });
    }

    /** @param customizer adjusts the builder (port 0 is already set) before the sandbox is built */
    public FinsifySandboxExtension(Consumer<FinsifySandbox.Builder> customizer) {
        this.customizer = customizer;
    }

    /** The running sandbox. */
    public FinsifySandbox sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("The sandbox runs only while the tests of its class run");
        }
        return sandbox;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (sandbox == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    private void start() {
        if (sandbox == null) {
            FinsifySandbox.Builder builder = FinsifySandbox.builder().port(0);
            customizer.accept(builder);
            sandbox = builder.build().start();
        }
    }

    private void stop() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FinsifySandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (sandbox == null) {
            start();
        }
        return sandbox;
    }
}
