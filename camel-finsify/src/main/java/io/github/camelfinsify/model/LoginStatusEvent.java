package io.github.camelfinsify.model;

/**
 * A login changed status, typically because the bank no longer accepts its credentials. {@code rawStatus} keeps the
 * value the API sent, for statuses this version does not know.
 */
public record LoginStatusEvent(long loginId, LoginStatus status, String rawStatus) implements FinsifyEvent {

    /** True when the user must reconnect (the {@code reconnect} operation gives them a connect URL). */
    public boolean requiresUserAction() {
        return status.requiresUserAction();
    }

    @Override
    public String eventType() {
        return "loginStatus";
    }
}
