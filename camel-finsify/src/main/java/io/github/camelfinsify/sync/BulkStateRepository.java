package io.github.camelfinsify.sync;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.apache.camel.spi.StateRepository;

/**
 * A Camel {@link StateRepository} that also reads and writes several states in one round trip. Optional: the
 * directory consumer syncs a login's accounts with one {@link #getStates read} and one {@link #setStates write} when
 * the configured repository implements this, and with one {@code getState}/{@code setState} per account otherwise.
 * {@code JdbcStateRepository} implements it.
 */
public interface BulkStateRepository extends StateRepository<String, String> {

    /** The stored states of those keys that have one; a key without a state is absent from the answer. */
    Map<String, String> getStates(Collection<String> keys);

    /** Stores every state given, as {@code setState} of each would. */
    void setStates(Map<String, String> states);

    /**
     * Stores every state given, as {@link #setStates(Map)} does. The keys in {@code unstored} had no state when the
     * caller read them: a repository may store those without looking for a stored state first (the JDBC one inserts
     * them instead of trying an update), and must still store them right if another writer stored one in between.
     * The default ignores the hint.
     */
    default void setStates(Map<String, String> states, Set<String> unstored) {
        setStates(states);
    }
}
