package io.github.camelfinsify;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an endpoint does. The first nine are producer operations (calls to the API); {@code transactions} is also a
 * polling consumer; {@code webhook} and {@code connect} only receive.
 */
public enum FinsifyOperation {
    services(true),
    createCustomer(true),
    createToken(true),
    reconnect(true),
    accounts(true),
    transactions(true),
    activateLogin(true),
    deactivateLogin(true),
    refreshLogin(true),
    webhook(false),
    connect(false);

    private final boolean producer;

    FinsifyOperation(boolean producer) {
        this.producer = producer;
    }

    public boolean isProducer() {
        return producer;
    }

    /** Reads an operation name; an unknown name fails with the list of valid ones. */
    public static FinsifyOperation fromName(String name) {
        for (FinsifyOperation operation : values()) {
            if (operation.name().equals(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("Unknown Finsify operation '" + name + "'; valid operations are "
                                           + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
