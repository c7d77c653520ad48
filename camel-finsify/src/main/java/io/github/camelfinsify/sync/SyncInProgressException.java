package io.github.camelfinsify.sync;

/**
 * Another session of the account is running (a consumer holds it for a whole batch), and waiting for it longer would
 * keep the caller past its own time-out.
 */
public final class SyncInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SyncInProgressException(long accountId) {
        super("Account " + accountId + " is being synced now; try again once that sync ended");
    }
}
