package org.vlmeval.store;

/**
 * A write to the store failed for good: a non-transient database error (naming the table and, where
 * it could be found, the natural key of the offending row), or transient errors that outlasted the
 * retries. Never carries the password.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String naturalKey;
    private final String sqlState;

    StoreException(
            String message, String table, String naturalKey, String sqlState, Throwable cause) {
        super(message, cause);
        this.table = table;
        this.naturalKey = naturalKey;
        this.sqlState = sqlState;
    }

    /** The schema-qualified table written, or null when the failure was not a table's. */
    public String table() {
        return table;
    }

    /** The natural key of the offending row, or null when it could not be told. */
    public String naturalKey() {
        return naturalKey;
    }

    /** The SQLState of the database error, or null. */
    public String sqlState() {
        return sqlState;
    }
}
