package io.github.camelfinsify.reliability;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.camelfinsify.FinsifyComponent;
import io.github.camelfinsify.FinsifyConfiguration;
import io.github.camelfinsify.FinsifyConstants;
import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyErrorCode;
import io.github.camelfinsify.model.Account;
import io.github.camelfinsify.model.Customer;
import io.github.camelfinsify.model.LoginActivation;
import io.github.camelfinsify.model.LoginRefresh;
import io.github.camelfinsify.model.Token;
import io.github.camelfinsify.model.Transaction;
import io.github.camelfinsify.sandbox.FinsifySandbox;
import io.github.camelfinsify.sandbox.FinsifySandboxExtension;
import io.github.camelfinsify.sandbox.SandboxLogin;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every producer operation that calls {@code /v2}, against every fault the sandbox injects: the contract's exception
 * (errorCode, statusCode, isRetryable) and its retry rule (idempotent calls retried up to {@code maxRetries}, POSTs and
 * {@code refreshLogin} never).
 */
class ProducerFaultMatrixTest {

    static final int MAX_RETRIES = 2;
    static final long RETRY_DELAY_MS = 10;
    static final long RESPONSE_TIMEOUT_MS = 1_500; // generous: a loaded 2-core CI machine must not time out normal answers
    static final long DELAY_MS = 3_500;
    static final String CALLBACK_URL = "http://localhost/finsify/callback";

    @RegisterExtension
    static final FinsifySandboxExtension SANDBOX = new FinsifySandboxExtension(b -> b.refreshCooldown(Duration.ZERO));

    private static CamelContext context;
    private static ProducerTemplate template;
    private static ClientRetryCounter retryCounter;
    private static final Map<String, Figures> FIGURES = new ConcurrentHashMap<>();

    /** Failed cases count in the figures too: a weakness found must show in the report, not only in the build. */
    @RegisterExtension
    static final TestWatcher FAILURES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext test, Throwable cause) {
            figures(test.getRequiredTestMethod().getName()).failed.add(test.getDisplayName());
        }
    };

    /** A producer operation under {@code /v2}, whether the contract retries it, and what its success looks like. */
    enum Operation {
        createCustomer(false, Customer.class),
        createToken(false, Token.class),
        reconnect(false, Token.class),
        accounts(true, List.class),
        transactions(true, List.class),
        activateLogin(true, LoginActivation.class),
        deactivateLogin(true, LoginActivation.class),
        refreshLogin(false, LoginRefresh.class);

        final boolean idempotent;
        final Class<?> bodyType;

        Operation(boolean idempotent, Class<?> bodyType) {
            this.idempotent = idempotent;
            this.bodyType = bodyType;
        }

        void headers(Exchange exchange, SandboxLogin login) {
            var in = exchange.getIn();
            switch (this) {
                case createCustomer -> in.setHeader(FinsifyConstants.IDENTIFIER, "reliability-" + UUID.randomUUID());
                case createToken -> {
                    in.setHeader(FinsifyConstants.CUSTOMER_ID, login.customerId());
                    in.setHeader(FinsifyConstants.SERVICE_ID, 8);
                    in.setHeader(FinsifyConstants.CALLBACK_URL, CALLBACK_URL);
                }
                case reconnect -> {
                    in.setHeader(FinsifyConstants.LOGIN_SECRET, login.secret());
                    in.setHeader(FinsifyConstants.CALLBACK_URL, CALLBACK_URL);
                }
                case transactions -> {
                    in.setHeader(FinsifyConstants.LOGIN_SECRET, login.secret());
                    in.setHeader(FinsifyConstants.ACCOUNT_ID, login.accountIds().get(0));
                    in.setHeader(FinsifyConstants.FROM_DATE, LocalDate.now().minusDays(30));
                    in.setHeader(FinsifyConstants.TO_DATE, LocalDate.now());
                }
                default -> in.setHeader(FinsifyConstants.LOGIN_SECRET, login.secret());
            }
        }
    }

    /** A sandbox fault type and the exception the contract maps it to. */
    enum Fault {
        SERVER_MAINTENANCE_503("503", FinsifyErrorCode.SERVER_MAINTENANCE, 503, "ServerMaintenance"),
        INTERNAL_ERROR_500("500", FinsifyErrorCode.INTERNAL_ERROR, 500, "InternalError"),
        // the sandbox names it TooManyRequests (the reference has no name for 429): the contract says RATE_LIMITED
        RATE_LIMITED_429("429", FinsifyErrorCode.RATE_LIMITED, 429, "TooManyRequests"),
        DELAY_PAST_TIMEOUT("delay", FinsifyErrorCode.NETWORK, -1, null),
        CONNECTION_RESET("reset", FinsifyErrorCode.NETWORK, -1, null),
        // a 200 whose JSON body is cut short: a transport failure, the same request may well succeed
        MALFORMED_BODY("malformed", FinsifyErrorCode.NETWORK, -1, null);

        final String type;
        final FinsifyErrorCode errorCode;
        final int statusCode;
        final String errorName;

        Fault(String type, FinsifyErrorCode errorCode, int statusCode, String errorName) {
            this.type = type;
            this.errorCode = errorCode;
            this.statusCode = statusCode;
            this.errorName = errorName;
        }

        void inject(FinsifySandbox sandbox, int count) {
            sandbox.injectFault(type, count, this == DELAY_PAST_TIMEOUT ? DELAY_MS : 0);
        }

        void assertMapped(Throwable failure) {
            assertThat(failure).as("the producer's exception for fault %s", type)
                    .isInstanceOf(FinsifyApiException.class);
            FinsifyApiException e = (FinsifyApiException) failure;
            assertThat(e.errorCode()).as("errorCode for %s (%s)", type, e.getMessage()).isEqualTo(errorCode);
            assertThat(e.statusCode()).as("statusCode for %s (%s)", type, e.getMessage()).isEqualTo(statusCode);
            assertThat(e.isRetryable()).as("isRetryable for %s (%s)", type, e.getMessage()).isTrue();
            assertThat(e.errorName()).as("errorName for %s (%s)", type, e.getMessage()).isEqualTo(errorName);
            switch (this) {
                case RATE_LIMITED_429 -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                case DELAY_PAST_TIMEOUT -> assertThat(e.getMessage()).contains("timed out");
                default -> {
                }
            }
        }
    }

    static Stream<Arguments> matrix(boolean idempotent) {
        return Arrays.stream(Operation.values()).filter(op -> op.idempotent == idempotent)
                .flatMap(op -> Arrays.stream(Fault.values()).map(fault -> Arguments.of(op, fault)));
    }

    static Stream<Arguments> idempotentMatrix() {
        return matrix(true);
    }

    static Stream<Arguments> nonIdempotentMatrix() {
        return matrix(false);
    }

    @BeforeAll
    static void startCamel() {
        FinsifySandbox sandbox = SANDBOX.sandbox();
        context = new DefaultCamelContext();
        retryCounter = new ClientRetryCounter(context);
        FinsifyConfiguration configuration = context.getComponent("finsify", FinsifyComponent.class).getConfiguration();
        configuration.setClientId(sandbox.clientId());
        configuration.setServiceSecret(sandbox.serviceSecret());
        configuration.setBaseUrl(sandbox.baseUrl());
        configuration.setServicesUrl(sandbox.servicesUrl());
        configuration.setMaxRetries(MAX_RETRIES);
        configuration.setRetryDelay(RETRY_DELAY_MS);
        configuration.setResponseTimeout(RESPONSE_TIMEOUT_MS);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterAll
    static void stopCamel() {
        context.stop();
        FIGURES.forEach((test, figures) -> System.out.println("RELIABILITY: producer fault matrix, " + test + ": " + figures));
    }

    @BeforeEach
    @AfterEach
    void noFaultLeft() {
        SANDBOX.sandbox().clearFaults();
    }

    private static Exchange call(Operation operation, SandboxLogin login, int maxRetries) {
        String uri = "finsify:" + operation + (maxRetries == MAX_RETRIES ? "" : "?maxRetries=" + maxRetries);
        return template.send(uri, exchange -> operation.headers(exchange, login));
    }

    private static Figures figures(String test) {
        return FIGURES.computeIfAbsent(test, k -> new Figures());
    }

    @ParameterizedTest(name = "{0} after one {1}")
    @MethodSource("idempotentMatrix")
    void idempotentOperationSucceedsAfterOneFaultThroughARetry(Operation operation, Fault fault) {
        FinsifySandbox sandbox = SANDBOX.sandbox();
        SandboxLogin login = sandbox.connectLogin("user_good");
        int retriesBefore = retryCounter.retries();
        fault.inject(sandbox, 1);
        figures("idempotentOperationSucceedsAfterOneFaultThroughARetry").faults.addAndGet(1);

        long start = System.nanoTime();
        Exchange result = call(operation, login, MAX_RETRIES);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.getException()).as("%s after one %s fault", operation, fault.type).isNull();
        assertThat(result.getMessage().getBody()).isInstanceOf(operation.bodyType);
        if (operation == Operation.accounts) {
            assertThat(result.getMessage().getBody(List.class)).hasSize(login.accountIds().size())
                    .allSatisfy(a -> assertThat(a).isInstanceOf(Account.class));
        } else if (operation == Operation.transactions) {
            assertThat(result.getMessage().getBody(List.class)).isNotEmpty()
                    .allSatisfy(t -> assertThat(t).isInstanceOf(Transaction.class));
        }
        assertThat(retryCounter.retries() - retriesBefore).as("client retries").isEqualTo(1);
        if (fault == Fault.RATE_LIMITED_429) {
            // retryDelay is 10 ms: only Retry-After: 1 explains a second
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        figures("idempotentOperationSucceedsAfterOneFaultThroughARetry").record(2, 1, took);
    }

    @ParameterizedTest(name = "{0} on one {1}")
    @MethodSource("nonIdempotentMatrix")
    void nonIdempotentOperationFailsOnOneFaultWithTheMappedExceptionAndNoRetry(Operation operation, Fault fault) {
        FinsifySandbox sandbox = SANDBOX.sandbox();
        SandboxLogin login = sandbox.connectLogin("user_good");
        int retriesBefore = retryCounter.retries();
        fault.inject(sandbox, 1);
        figures("nonIdempotentOperationFailsOnOneFaultWithTheMappedExceptionAndNoRetry").faults.addAndGet(1);

        long start = System.nanoTime();
        Exchange result = call(operation, login, MAX_RETRIES);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        fault.assertMapped(result.getException());
        // one fault only: a retry would have succeeded, so failing proves there was none
        assertThat(retryCounter.retries() - retriesBefore).as("client retries").isZero();
        // and the one attempt used the one fault: the same call now goes through
        Exchange again = call(operation, login, 0);
        assertThat(again.getException()).as("%s once the fault is used", operation).isNull();
        assertThat(again.getMessage().getBody()).isInstanceOf(operation.bodyType);
        figures("nonIdempotentOperationFailsOnOneFaultWithTheMappedExceptionAndNoRetry").record(1, 0, took);
    }

    @ParameterizedTest(name = "{0} after 1 + maxRetries {1}")
    @MethodSource("idempotentMatrix")
    void idempotentOperationFailsWithTheMappedExceptionAfterOnePlusMaxRetriesFaults(Operation operation, Fault fault) {
        FinsifySandbox sandbox = SANDBOX.sandbox();
        SandboxLogin login = sandbox.connectLogin("user_good");
        int retriesBefore = retryCounter.retries();
        // one more fault than attempts: what is left afterwards shows how many attempts were made
        fault.inject(sandbox, 1 + MAX_RETRIES + 1);
        figures("idempotentOperationFailsWithTheMappedExceptionAfterOnePlusMaxRetriesFaults").faults
                .addAndGet(1 + MAX_RETRIES + 1);

        long start = System.nanoTime();
        Exchange result = call(operation, login, MAX_RETRIES);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        fault.assertMapped(result.getException());
        assertThat(retryCounter.retries() - retriesBefore).as("client retries").isEqualTo(MAX_RETRIES);
        if (fault == Fault.RATE_LIMITED_429) {
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(MAX_RETRIES * 950L));
        }
        // exactly 1 + maxRetries attempts: one fault is left for a call without retries, then none
        fault.assertMapped(call(operation, login, 0).getException());
        Exchange recovered = call(operation, login, 0);
        assertThat(recovered.getException()).as("%s once the faults are used", operation).isNull();
        figures("idempotentOperationFailsWithTheMappedExceptionAfterOnePlusMaxRetriesFaults")
                .record(1 + MAX_RETRIES, MAX_RETRIES, took);
    }

    /** The figures of one test method over all its cases. */
    static final class Figures {
        final AtomicInteger cases = new AtomicInteger();
        final AtomicInteger faults = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicLong millis = new AtomicLong();
        final AtomicLong slowest = new AtomicLong();
        final List<String> failed = new CopyOnWriteArrayList<>();

        /** A case that held: its attempts, retries and time. */
        void record(int attemptsMade, int retriesMade, Duration took) {
            cases.incrementAndGet();
            attempts.addAndGet(attemptsMade);
            retries.addAndGet(retriesMade);
            millis.addAndGet(took.toMillis());
            slowest.accumulateAndGet(took.toMillis(), Math::max);
        }

        @Override
        public String toString() {
            return cases + " of " + (cases.get() + failed.size()) + " cases held"
                   + (failed.isEmpty() ? "" : " (failed: " + String.join(", ", failed) + ")") + ", " + faults
                   + " faults injected; in the cases that held: " + attempts + " attempts, " + retries
                   + " client retries, 0 POSTs or refreshes sent twice, " + millis + " ms in the calls, slowest "
                   + slowest + " ms";
        }
    }
}
