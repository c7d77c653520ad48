package io.github.camelfinsify.sync;

import java.util.Set;

/**
 * A pending sync of some accounts of a login (all of them when {@code accountIds} is empty). {@code version} tells a
 * request read before a newer one of the same login from that newer one.
 */
public record SyncRequest(long loginId, Set<Long> accountIds, long version) {

    public SyncRequest {
        accountIds = Set.copyOf(accountIds);
    }
}
