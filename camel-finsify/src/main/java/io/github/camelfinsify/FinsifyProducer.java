package io.github.camelfinsify;

import java.time.LocalDate;

import io.github.camelfinsify.client.FinsifyClient;
import io.github.camelfinsify.client.FinsifyResponse;
import io.github.camelfinsify.client.TransactionStream;
import io.github.camelfinsify.model.LoginActivation;
import io.github.camelfinsify.model.LoginRefresh;
import io.github.camelfinsify.webhook.ConnectStateSigner;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;

/**
 * Calls one API operation per message. Each request value comes from its header, else from the endpoint's option
 * (which defaults to the component's).
 */
public class FinsifyProducer extends DefaultProducer {

    private final FinsifyConfiguration configuration;
    private final OptionDate fromDateOption = new OptionDate("fromDate");
    private final OptionDate toDateOption = new OptionDate("toDate");

    public FinsifyProducer(FinsifyEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    private FinsifyProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Camel's producers repository exists only where health checks are enabled (camel.health.*)
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(), "producers",
                WritableHealthCheckRepository.class);
        if (healthCheckRepository != null && getEndpoint().getComponent().isHealthCheckProducerEnabled()) {
            healthCheck = new FinsifyProducerHealthCheck(getEndpoint());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public FinsifyEndpoint getEndpoint() {
        return (FinsifyEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        FinsifyOperation operation = operation(exchange);
        FinsifyClient client = getEndpoint().getClient();
        Message in = exchange.getIn();
        switch (operation) {
            case services -> exchange.getMessage().setBody(
                    client.services(configuration.getCountryCode(), configuration.getServiceType()));
            case createCustomer -> reply(exchange, client.createCustomer(
                    required(in, FinsifyConstants.IDENTIFIER, configuration.getIdentifier(), "identifier", operation)));
            case createToken -> {
                String customerId = required(in, FinsifyConstants.CUSTOMER_ID, configuration.getCustomerId(),
                        "customerId", operation);
                reply(exchange, client.createToken(customerId,
                        required(in, FinsifyConstants.SERVICE_ID, Integer.class, configuration.getServiceId(),
                                "serviceId", operation),
                        signedCallbackUrl(in, operation, customerId)));
            }
            case reconnect -> reply(exchange, client.reconnect(loginSecret(in, operation), reconnectCallbackUrl(in)));
            case accounts -> reply(exchange, client.accounts(loginSecret(in, operation)));
            case transactions -> transactions(exchange, client, operation);
            case activateLogin -> replyActivation(exchange, client.activateLogin(loginSecret(in, operation)));
            case deactivateLogin -> replyActivation(exchange, client.deactivateLogin(loginSecret(in, operation)));
            case refreshLogin -> replyRefresh(exchange, client.refreshLogin(loginSecret(in, operation)));
            default -> throw new IllegalArgumentException("finsify:" + operation + " only receives and cannot be "
                                                          + "called from a producer");
        }
    }

    private void transactions(Exchange exchange, FinsifyClient client, FinsifyOperation operation) {
        Message in = exchange.getIn();
        String loginSecret = loginSecret(in, operation);
        long accountId = required(in, FinsifyConstants.ACCOUNT_ID, Long.class, configuration.getAccountId(),
                "accountId", operation);
        LocalDate from = date(in, FinsifyConstants.FROM_DATE, fromDateOption, configuration.getFromDate());
        LocalDate to = date(in, FinsifyConstants.TO_DATE, toDateOption, configuration.getToDate());
        if (configuration.isStreaming()) {
            TransactionStream stream = client.streamTransactions(loginSecret, accountId, from, to);
            // the route may not read to the end: release the connection when the exchange is done
            exchange.getExchangeExtension().addOnCompletion(new StreamCloser(stream));
            exchange.getMessage().setBody(stream);
        } else {
            reply(exchange, client.transactions(loginSecret, accountId, from, to));
        }
    }

    private FinsifyOperation operation(Exchange exchange) {
        Object header = exchange.getIn().getHeader(FinsifyConstants.OPERATION);
        if (header == null) {
            return getEndpoint().getOperation();
        }
        return header instanceof FinsifyOperation op ? op : FinsifyOperation.fromName(header.toString());
    }

    private static void reply(Exchange exchange, FinsifyResponse<?> response) {
        Message out = exchange.getMessage();
        out.setBody(response.data());
        if (response.version() != null) {
            out.setHeader(FinsifyConstants.API_VERSION, response.version());
        }
    }

    private static void replyActivation(Exchange exchange, FinsifyResponse<LoginActivation> response) {
        reply(exchange, response);
        exchange.getMessage().setHeader(FinsifyConstants.LOGIN_ID, response.data().id());
    }

    private static void replyRefresh(Exchange exchange, FinsifyResponse<LoginRefresh> response) {
        reply(exchange, response);
        exchange.getMessage().setHeader(FinsifyConstants.LOGIN_ID, response.data().id());
        if (response.data().nextRefreshPossibleAt() != null) {
            exchange.getMessage().setHeader(FinsifyConstants.NEXT_REFRESH_POSSIBLE_AT,
                    response.data().nextRefreshPossibleAt());
        }
    }

    private String loginSecret(Message in, FinsifyOperation operation) {
        return required(in, FinsifyConstants.LOGIN_SECRET, configuration.getLoginSecret(), "loginSecret", operation);
    }

    private String callbackUrl(Message in, FinsifyOperation operation) {
        return required(in, FinsifyConstants.CALLBACK_URL, configuration.getCallbackUrl(), "callbackUrl", operation);
    }

    /** With connectSigningKey, the callback URL carries a signed state for the customer as its last path segment. */
    private String signedCallbackUrl(Message in, FinsifyOperation operation, String customerId) {
        String callbackUrl = callbackUrl(in, operation);
        ConnectStateSigner signer = ConnectSigning.signerOf(getEndpoint());
        return signer == null ? callbackUrl : signer.signCallbackUrl(callbackUrl, customerId);
    }

    /**
     * A reconnect's state names the customer the login belongs to: the API does not say it, so the route gives it, as
     * for createToken, and finsify:connect reports the same header for both.
     */
    private String reconnectCallbackUrl(Message in) {
        if (configuration.getConnectSigningKey() == null) {
            return callbackUrl(in, FinsifyOperation.reconnect);
        }
        String customerId = in.getHeader(FinsifyConstants.CUSTOMER_ID, String.class);
        if (customerId == null || customerId.isBlank()) {
            customerId = configuration.getCustomerId();
        }
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("The reconnect operation needs customerId when connectSigningKey is set "
                                               + "(the signed state names the login's customer): set header "
                                               + FinsifyConstants.CUSTOMER_ID + " or option customerId");
        }
        return signedCallbackUrl(in, FinsifyOperation.reconnect, customerId);
    }

    private static String required(Message in, String header, String option, String optionName,
                                   FinsifyOperation operation) {
        return required(in, header, String.class, option, optionName, operation);
    }

    private static <T> T required(Message in, String header, Class<T> type, T option, String optionName,
                                  FinsifyOperation operation) {
        T value = in.getHeader(header, type);
        if (value == null || value instanceof String s && s.isBlank()) {
            value = option;
        }
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("The " + operation + " operation needs " + optionName
                                               + ": set header " + header + " or option " + optionName);
        }
        return value;
    }

    private static LocalDate date(Message in, String header, OptionDate optionDate, String option) {
        Object value = in.getHeader(header);
        if (value != null) {
            return FinsifyDates.parse(value, "Header " + header);
        }
        return optionDate.of(option);
    }
}
