package io.github.camelfinsify.client;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.camelfinsify.model.FinsifyService;

/**
 * Holds the service list for a time to live. One caller fetches when it is stale; the others wait for that fetch
 * rather than all hitting the server.
 */
final class ServiceListCache {

    private final Duration ttl;
    private final Supplier<List<FinsifyService>> loader;
    private volatile Entry entry;

    ServiceListCache(Duration ttl, Supplier<List<FinsifyService>> loader) {
        this.ttl = ttl;
        this.loader = loader;
    }

    List<FinsifyService> get() {
        Entry current = entry;
        if (current != null && !current.isExpired(ttl)) {
            return current.services();
        }
        synchronized (this) {
            current = entry;
            if (current == null || current.isExpired(ttl)) {
                current = new Entry(List.copyOf(loader.get()), System.nanoTime());
                entry = current;
            }
            return current.services();
        }
    }

    private record Entry(List<FinsifyService> services, long loadedAtNanos) {
        boolean isExpired(Duration ttl) {
            return System.nanoTime() - loadedAtNanos >= ttl.toNanos();
        }
    }
}
