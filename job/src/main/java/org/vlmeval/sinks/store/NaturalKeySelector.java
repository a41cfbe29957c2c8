package org.vlmeval.sinks.store;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * Routes the rows of one natural key to one sink subtask, so that a later row of a key (a
 * correction, a late window firing) reaches the store after the earlier one and wins. The key is
 * only hashed for routing: two keys with the same text merely share a subtask.
 */
final class NaturalKeySelector<T> implements KeySelector<T, String> {

    private static final long serialVersionUID = 1L;

    private final StoreTable<T> table;

    NaturalKeySelector(StoreTable<T> table) {
        this.table = table;
    }

    @Override
    public String getKey(T row) {
        return table.key(row).toString();
    }
}
