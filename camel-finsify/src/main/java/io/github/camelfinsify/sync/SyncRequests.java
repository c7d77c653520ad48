package io.github.camelfinsify.sync;

import java.util.Collection;
import java.util.List;

/**
 * Where the webhook consumer hands a new-transactions event to the multi-login sync consumer: the login and the
 * accounts to sync next, ahead of the sweep. A request is recorded before the webhook is answered and removed only
 * once its sync completed, so a crash in between syncs it again rather than losing it. Share one store between
 * replicas so that a webhook received by any of them reaches the one that syncs.
 */
public interface SyncRequests {

    /** Asks for a sync of these accounts of the login (all its accounts if empty); merges with a pending request. */
    void request(long loginId, Collection<Long> accountIds);

    /** At most {@code limit} pending requests, oldest first. */
    List<SyncRequest> pending(int limit);

    /** The request was synced: removes it, unless the login was requested again since it was read. */
    void done(SyncRequest request);
}
