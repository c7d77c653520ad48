package io.github.camelfinsify;

import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.ReferenceCount;

/**
 * Starts a state or idempotent repository when the first endpoint of the component uses it, and stops it when the
 * last of them stops: endpoints share repositories (the polling and the webhook consumer of one login share a state
 * repository), and one stopping must not stop it under the other. A repository the CamelContext manages as a service
 * is left to the context.
 */
final class RepositoryUsage {

    private final Map<Object, ReferenceCount> users = new IdentityHashMap<>();

    synchronized void retain(CamelContext context, Object repository) {
        if (context.hasService(repository)) {
            return;
        }
        users.computeIfAbsent(repository, r -> ReferenceCount.on(
                () -> ServiceHelper.startService(r), () -> ServiceHelper.stopService(r))).retain();
    }

    synchronized void release(Object repository) {
        ReferenceCount count = users.get(repository);
        if (count != null) {
            count.release();
            if (count.get() == 0) {
                users.remove(repository);
            }
        }
    }

    synchronized void stopAll() {
        users.keySet().forEach(ServiceHelper::stopService);
        users.clear();
    }
}
