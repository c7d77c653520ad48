package io.github.camelfinsify;

import java.util.IdentityHashMap;
import java.util.Map;

import io.github.camelfinsify.sync.SyncRequests;

/**
 * Which directory route reads each store of webhook requests. A consumer settles every request it takes, a login its
 * directory does not hold included (the login is gone, for it), so a second route on the same store would take and
 * drop requests meant for the first: one route per store, checked when the second starts.
 */
final class SyncRequestReaders {

    private final Map<SyncRequests, String> readers = new IdentityHashMap<>();

    /** Records {@code routeId} as the reader of {@code requests}; refused while another started route reads them. */
    synchronized void claim(SyncRequests requests, String routeId) {
        String reader = readers.putIfAbsent(requests, routeId);
        if (reader != null && !reader.equals(routeId)) {
            throw new IllegalStateException("The directory consumer of route " + routeId + " cannot read the webhook "
                    + "requests that route " + reader + " reads (option syncRequests, " + requests + "): each would "
                    + "take, and drop, requests for the other's logins. Give each directory route its own "
                    + "syncRequests, or sync both books in one route");
        }
    }

    synchronized void release(SyncRequests requests, String routeId) {
        readers.remove(requests, routeId);
    }
}
