package io.github.camelfinsify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.camelfinsify.client.FinsifyApiException;
import io.github.camelfinsify.client.FinsifyClient;

/**
 * The API's last answers to the producers' readiness probe, one per client and login secret, each reused for the
 * asking check's interval: a probe every few seconds, times every producer endpoint, would otherwise each be an API
 * call. Weak keys: the answers of a closed client go with it.
 */
final class HealthProbes {

    private final Map<FinsifyClient, Map<String, Probe>> probes = Collections.synchronizedMap(new WeakHashMap<>());

    Probe of(FinsifyClient client, String loginSecret) {
        return probes.computeIfAbsent(client, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(loginSecret, s -> new Probe());
    }

    /** What the API answered: the login the secret belongs to (null when it has no account), or the failure. */
    record Answer(Long loginId, FinsifyApiException failure) {
    }

    static final class Probe {
        private Answer answer;
        private Instant answeredAt;

        /**
         * The answer of the last call if it is younger than {@code interval}, else a new call's. Checks that ask at
         * the same time wait for one call.
         */
        synchronized Answer ask(Clock clock, Duration interval, Supplier<Answer> call) {
            Instant now = clock.instant();
            // a clock set back makes the answer look younger than it is: ask again
            if (answer == null || now.isBefore(answeredAt) || !now.isBefore(answeredAt.plus(interval))) {
                answer = call.get();
                answeredAt = now;
            }
            return answer;
        }
    }
}
