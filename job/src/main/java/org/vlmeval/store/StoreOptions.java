package org.vlmeval.store;

import org.vlmeval.options.Check;
import org.vlmeval.options.Durations;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link PostgresStore} connects and writes: immutable, validated, serializable (a Flink sink
 * carries it to its writers).
 *
 * <p>The password itself is never held here: {@link #passwordEnv()} names the environment variable
 * it is read from when a connection is opened, so neither {@link #toString()}, a serialized job
 * graph nor an exception message can reveal it. A JDBC URL that carries a {@code password}
 * parameter is rejected for the same reason.
 *
 * <pre>{@code
 * StoreOptions options = StoreOptions.builder("jdbc:postgresql://db:5432/vlm")
 *         .user("vlm_eval")
 *         .passwordEnv("VLM_EVAL_PG_PASSWORD")
 *         .build();
 * }</pre>
 */
@JsonDeserialize(builder = StoreOptions.Builder.class)
public final class StoreOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_SCHEMA = "vlm_eval";
    public static final int DEFAULT_BATCH_SIZE = 2000;
    public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofMinutes(2);

    /**
     * Half of Flink's default checkpoint timeout (10 min): a checkpoint waits for the writers'
     * flush, so a longer outage would expire the checkpoint (which fails the job) before the store
     * gives up.
     */
    public static final Duration MAX_OUTAGE_TOLERANCE = Duration.ofMinutes(5);

    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(120);
    public static final String DEFAULT_APPLICATION_NAME = "vlm-eval";

    /** Lower-case unquoted PostgreSQL identifiers, so that Grafana queries need no quoting. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final Pattern URL_PASSWORD =
            Pattern.compile("[?&;]password=", Pattern.CASE_INSENSITIVE);

    private final String jdbcUrl;
    private final String user;
    private final String passwordEnv;
    private final String schema;
    private final int batchSize;
    private final Duration outageTolerance;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final String applicationName;
    private final boolean migrate;
    private final boolean journal;

    private StoreOptions(Builder b) {
        this.jdbcUrl = b.jdbcUrl;
        this.user = b.user;
        this.passwordEnv = b.passwordEnv;
        this.schema = b.schema;
        this.batchSize = b.batchSize;
        this.outageTolerance = b.outageTolerance;
        this.retryBackoff = b.retryBackoff;
        this.maxRetryBackoff = b.maxRetryBackoff;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
        this.applicationName = b.applicationName;
        this.migrate = b.migrate;
        this.journal = b.journal;
    }

    /** A builder for the database at {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}). */
    public static Builder builder(String jdbcUrl) {
        return new Builder().jdbcUrl(jdbcUrl);
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = builder(jdbcUrl);
        b.user = user;
        b.passwordEnv = passwordEnv;
        b.schema = schema;
        b.batchSize = batchSize;
        b.outageTolerance = outageTolerance;
        b.retryBackoff = retryBackoff;
        b.maxRetryBackoff = maxRetryBackoff;
        b.connectTimeout = connectTimeout;
        b.socketTimeout = socketTimeout;
        b.applicationName = applicationName;
        b.migrate = migrate;
        b.journal = journal;
        return b;
    }

    /** The JDBC URL; never carries a password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * The database user, or null for the driver's default (the URL's {@code user} or the OS user).
     */
    public String user() {
        return user;
    }

    /** The name of the environment variable holding the password, or null for none. */
    public String passwordEnv() {
        return passwordEnv;
    }

    /** The schema holding the tables; created by the migrations when missing. */
    public String schema() {
        return schema;
    }

    /** Rows per batch and per transaction. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * How long transient failures (lost connection, server shutting down or starting, serialization
     * failure, deadlock) are retried, counted from the first failure of the current outage: a write
     * (or connecting) blocks and retries until it succeeds or this time has passed. Zero: no retry.
     */
    public Duration outageTolerance() {
        return outageTolerance;
    }

    /** The wait before the first retry; it doubles with each further retry. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** The cap on the doubled wait between retries. */
    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a statement may wait on the socket before the connection counts as lost. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** Shown in {@code pg_stat_activity.application_name}. */
    public String applicationName() {
        return applicationName;
    }

    /** Apply the schema migrations when the store opens (default true). */
    public boolean migrate() {
        return migrate;
    }

    /**
     * Keep a response journal in this database (default true): the job and {@code replay} then
     * reuse an outcome journalled for the same run, request, endpoint and prompt instead of paying
     * for the call again (see {@code org.vlmeval.journal}).
     */
    public boolean journal() {
        return journal;
    }

    /** The wait before retry number {@code retry} (1-based): doubling, capped. */
    Duration backoff(int retry) {
        long base = retryBackoff.toMillis();
        long cap = maxRetryBackoff.toMillis();
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long millis = base << shift;
        if (millis < 0 || millis > cap || (base != 0 && millis >> shift != base)) {
            millis = cap;
        }
        return Duration.ofMillis(millis);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StoreOptions)) {
            return false;
        }
        StoreOptions that = (StoreOptions) o;
        return batchSize == that.batchSize
                && outageTolerance.equals(that.outageTolerance)
                && migrate == that.migrate
                && journal == that.journal
                && jdbcUrl.equals(that.jdbcUrl)
                && Objects.equals(user, that.user)
                && Objects.equals(passwordEnv, that.passwordEnv)
                && schema.equals(that.schema)
                && retryBackoff.equals(that.retryBackoff)
                && maxRetryBackoff.equals(that.maxRetryBackoff)
                && connectTimeout.equals(that.connectTimeout)
                && socketTimeout.equals(that.socketTimeout)
                && applicationName.equals(that.applicationName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl, user, passwordEnv, schema, batchSize, outageTolerance);
    }

    /** Every option; the password appears only as the name of its environment variable. */
    @Override
    public String toString() {
        return "StoreOptions{jdbcUrl="
                + jdbcUrl
                + ", user="
                + user
                + ", passwordEnv="
                + passwordEnv
                + ", schema="
                + schema
                + ", batchSize="
                + batchSize
                + ", outageTolerance="
                + outageTolerance.toMillis()
                + "ms, retryBackoff="
                + retryBackoff.toMillis()
                + "ms, maxRetryBackoff="
                + maxRetryBackoff.toMillis()
                + "ms, connectTimeout="
                + connectTimeout.toMillis()
                + "ms, socketTimeout="
                + socketTimeout.toMillis()
                + "ms, applicationName="
                + applicationName
                + ", migrate="
                + migrate
                + ", journal="
                + journal
                + "}";
    }

    /**
     * Builds {@link StoreOptions}; also what job.yaml's {@code sinks.store} binds to (each setter
     * is the option of the same snake_case name). {@link #build()} validates every option.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private String passwordEnv;
        private String schema = DEFAULT_SCHEMA;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration outageTolerance = DEFAULT_OUTAGE_TOLERANCE;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
        private String applicationName = DEFAULT_APPLICATION_NAME;
        private boolean migrate = true;
        private boolean journal = true;

        private Builder() {}

        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The name of the environment variable that holds the password (not the password). */
        public Builder passwordEnv(String passwordEnv) {
            this.passwordEnv = passwordEnv;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder outageTolerance(Duration outageTolerance) {
            this.outageTolerance = outageTolerance;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder maxRetryBackoff(Duration maxRetryBackoff) {
            this.maxRetryBackoff = maxRetryBackoff;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        public Builder journal(boolean journal) {
            this.journal = journal;
            return this;
        }

        public StoreOptions build() {
            Check.required("jdbc_url", jdbcUrl);
            Check.that(
                    jdbcUrl.startsWith("jdbc:postgresql:"),
                    "jdbc_url",
                    "must start with jdbc:postgresql:, was \"" + redact(jdbcUrl) + "\"");
            Check.that(
                    !URL_PASSWORD.matcher(jdbcUrl).find(),
                    "jdbc_url",
                    "must not carry a password (was \""
                            + redact(jdbcUrl)
                            + "\"): name its environment variable with password_env");
            Check.optionalNonBlank("user", user);
            Check.envNameOrNull("password_env", passwordEnv);
            checkSchema(schema);
            Check.inRange("batch_size", batchSize, 1, 10_000);
            Check.nonNegative("outage_tolerance", outageTolerance);
            Check.that(
                    outageTolerance.compareTo(MAX_OUTAGE_TOLERANCE) <= 0,
                    "outage_tolerance",
                    "must be at most "
                            + Durations.format(MAX_OUTAGE_TOLERANCE)
                            + " (a checkpoint waits for the store, and Flink's checkpoint timeout"
                            + " is 10m), was "
                            + Durations.format(outageTolerance));
            Check.nonNegative("retry_backoff", retryBackoff);
            Check.nonNegative("max_retry_backoff", maxRetryBackoff);
            Check.that(
                    maxRetryBackoff.compareTo(retryBackoff) >= 0,
                    "max_retry_backoff",
                    "must be >= retry_backoff ("
                            + Durations.format(retryBackoff)
                            + "), was "
                            + Durations.format(maxRetryBackoff));
            Check.positive("connect_timeout", connectTimeout);
            Check.positive("socket_timeout", socketTimeout);
            Check.nonBlank("application_name", applicationName);
            return new StoreOptions(this);
        }
    }

    /** Rejects anything but a lower-case unquoted identifier. */
    static void checkSchema(String schema) {
        Check.that(
                schema != null && SCHEMA.matcher(schema).matches(),
                "schema",
                "must match "
                        + SCHEMA.pattern()
                        + " (lower-case, unquoted), was "
                        + (schema == null ? "null" : "\"" + schema + "\""));
    }

    /** The URL with any {@code password=} value masked. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
