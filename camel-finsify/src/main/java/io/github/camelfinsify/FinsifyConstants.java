package io.github.camelfinsify;

import org.apache.camel.spi.Metadata;

/**
 * The headers of the finsify component. Headers named here override the endpoint's options for one message.
 */
public final class FinsifyConstants {

    @Metadata(label = "producer", description = "The operation to perform, overriding the endpoint's.",
              javaType = "io.github.camelfinsify.FinsifyOperation")
    public static final String OPERATION = "CamelFinsifyOperation";

    @Metadata(label = "producer", description = "The login secret of the login to act on, overriding option loginSecret.",
              javaType = "String", secret = true)
    public static final String LOGIN_SECRET = "CamelFinsifyLoginSecret";

    @Metadata(label = "producer", description = "The partner's own identifier of the customer to create.",
              javaType = "String")
    public static final String IDENTIFIER = "CamelFinsifyIdentifier";

    @Metadata(description = "The Finsify customer id: in, the customer to create a token for (createToken) or whose "
                            + "login to reconnect (reconnect with connectSigningKey); out of finsify:connect with "
                            + "connectSigningKey, the customer whose token started the connect (from the signed state).",
              javaType = "String")
    public static final String CUSTOMER_ID = "CamelFinsifyCustomerId";

    @Metadata(label = "producer", description = "The id of the service (bank) to create a token for.",
              javaType = "Integer")
    public static final String SERVICE_ID = "CamelFinsifyServiceId";

    @Metadata(label = "producer", description = "Where Finsify redirects the user's browser after the connect page.",
              javaType = "String")
    public static final String CALLBACK_URL = "CamelFinsifyCallbackUrl";

    @Metadata(description = "The account id: in, the account whose transactions to list; out, the account of a "
                            + "synced transaction.",
              javaType = "Long")
    public static final String ACCOUNT_ID = "CamelFinsifyAccountId";

    @Metadata(label = "producer", description = "The first day of the transactions to list, as a LocalDate or "
                                                + "YYYY-MM-DD.",
              javaType = "java.time.LocalDate")
    public static final String FROM_DATE = "CamelFinsifyFromDate";

    @Metadata(label = "producer", description = "The last day of the transactions to list, as a LocalDate or "
                                                + "YYYY-MM-DD.",
              javaType = "java.time.LocalDate")
    public static final String TO_DATE = "CamelFinsifyToDate";

    @Metadata(description = "The login the message is about: set by the consumers and by activateLogin, "
                            + "deactivateLogin and refreshLogin.",
              javaType = "Long")
    public static final String LOGIN_ID = "CamelFinsifyLoginId";

    @Metadata(label = "consumer", description = "The kind of webhook event: newTransactions, loginStatus or unknown.",
              javaType = "String")
    public static final String EVENT_TYPE = "CamelFinsifyEventType";

    @Metadata(label = "consumer", description = "The login's new status on a loginStatus event.",
              javaType = "io.github.camelfinsify.model.LoginStatus")
    public static final String LOGIN_STATUS = "CamelFinsifyLoginStatus";

    @Metadata(label = "consumer", description = "How a synced transaction changed: ADDED, MODIFIED or REMOVED.",
              javaType = "io.github.camelfinsify.ChangeType")
    public static final String CHANGE_TYPE = "CamelFinsifyChangeType";

    @Metadata(label = "consumer", description = "The webhook event that caused the fetch of the transaction in the "
                                                + "body (webhook consumer with fetchTransactions).",
              javaType = "io.github.camelfinsify.model.FinsifyEvent")
    public static final String EVENT = "CamelFinsifyEvent";

    @Metadata(label = "producer", description = "The API version that answered (the response's version).",
              javaType = "String")
    public static final String API_VERSION = "CamelFinsifyApiVersion";

    @Metadata(label = "producer", description = "When the login can be refreshed again (refreshLogin).",
              javaType = "java.time.Instant")
    public static final String NEXT_REFRESH_POSSIBLE_AT = "CamelFinsifyNextRefreshPossibleAt";

    private FinsifyConstants() {
    }
}
