package io.github.camelfinsify.sync;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SyncRequests} in this JVM's memory: the default. A request that was not synced when the JVM stops is left
 * to the next sweep.
 */
public final class MemorySyncRequests implements SyncRequests {

    private final Map<Long, SyncRequest> pending = new LinkedHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public synchronized void request(long loginId, Collection<Long> accountIds) {
        SyncRequest earlier = pending.remove(loginId);
        Set<Long> accounts = new HashSet<>(accountIds);
        if (earlier != null && (earlier.accountIds().isEmpty() || accounts.isEmpty())) {
            accounts.clear(); // one of them asks for every account
        } else if (earlier != null) {
            accounts.addAll(earlier.accountIds());
        }
        pending.put(loginId, new SyncRequest(loginId, accounts, versions.incrementAndGet()));
    }

    @Override
    public synchronized List<SyncRequest> pending(int limit) {
        return pending.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void done(SyncRequest request) {
        pending.remove(request.loginId(), request);
    }

    @Override
    public synchronized String toString() {
        return "MemorySyncRequests[" + pending.size() + " pending]";
    }
}
