package io.github.camelfinsify.sync;

import org.apache.camel.spi.StateRepository;

/**
 * A Camel {@link StateRepository} that can tell how much it holds. Optional: the {@code finsify} dev console shows the
 * size of a sync consumer's state when its repository implements this, and says that it is not reported otherwise.
 * {@code JdbcStateRepository} implements it; each call may ask the store (one query), so it is for an operator's
 * look, not for every message.
 */
public interface SizedStateRepository extends StateRepository<String, String> {

    /** How many states the repository holds, and their total length in characters. */
    record StateSize(long states, long characters) {
    }

    StateSize stateSize();
}
