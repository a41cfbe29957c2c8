package org.vlmeval.pipeline;

import org.vlmeval.alerts.AlertOptions;
import org.vlmeval.endpoints.config.EndpointsConfig;
import org.vlmeval.journal.JournalBackend;
import org.vlmeval.journal.PostgresJournal;
import org.vlmeval.options.Check;
import org.vlmeval.options.YamlOptions;
import org.vlmeval.sources.EventParser;
import org.vlmeval.store.StoreOptions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How the pipeline asks, scores and aggregates: immutable and validated; errors name the field.
 *
 * <pre>{@code
 * PipelineOptions options = PipelineOptions.builder(endpoints)
 *         .windows(List.of(WindowSpec.DEFAULT_SLIDING, WindowSpec.DEFAULT_TUMBLING))
 *         .maxOutOfOrderness(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 */
@JsonDeserialize(builder = PipelineOptions.Builder.class)
public final class PipelineOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLENESS = Duration.ofMinutes(1);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;

    /**
     * A day: re-deliveries of an at-least-once producer (retries, a producer restarted from its own
     * checkpoint, a topic re-published after an incident) come within minutes to hours; a day
     * covers them with margin, at a state cost of about 65 bytes serialized (250 on the heap) per
     * event of the last day.
     */
    public static final Duration DEFAULT_DEDUP_TTL = Duration.ofHours(24);

    /** Default cap on one event's size: a request with an inline base64 image of ~7 MB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 10 * 1024 * 1024;

    private final EndpointsConfig endpoints;
    private final List<WindowSpec> windows;
    private final Duration maxOutOfOrderness;
    private final Duration idleness;
    private final Duration allowedLateness;
    private final Duration dedupTtl;
    private final int maxEventBytes;
    private final String runId;
    private final JournalBackend journal;
    private final boolean journalRetryErrors;
    private final StoreOptions judgeStore;
    private final AlertOptions alerts;
    private final LabelsOptions labels;

    private PipelineOptions(Builder b) {
        this.endpoints = b.endpoints;
        this.windows = List.copyOf(b.windows);
        this.maxOutOfOrderness = b.maxOutOfOrderness;
        this.idleness = b.idleness;
        this.allowedLateness = b.allowedLateness;
        this.dedupTtl = b.dedupTtl;
        this.maxEventBytes = (int) b.maxEventBytes;
        this.runId = b.runId;
        this.journal = b.journal;
        this.journalRetryErrors = b.journalRetryErrors;
        this.judgeStore = b.judgeStore;
        this.alerts = b.alerts;
        this.labels = b.labels;
    }

    public static Builder builder(EndpointsConfig endpoints) {
        return new Builder().endpoints(endpoints);
    }

    /** Every option at its default, no endpoints. */
    public static PipelineOptions defaults() {
        return new Builder().build();
    }

    /** The endpoints to ask; may be empty when only recorded answers are re-scored. */
    public EndpointsConfig endpoints() {
        return endpoints;
    }

    /** The window families of the rolling metrics; default 5 min sliding by 1 min, 1 h tumbling. */
    public List<WindowSpec> windows() {
        return windows;
    }

    /** How far behind the newest event time an event may arrive without being late. */
    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    /** How long a source split may be silent before it stops holding the watermark back. */
    public Duration idleness() {
        return idleness;
    }

    /**
     * How long after a window's end late answers still update it (the row is written again); later
     * answers are stored but miss their windows.
     */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    /**
     * How long after an event's first delivery a re-delivery (same run and request id) is
     * recognised and not asked again, in processing time; zero disables deduplication.
     */
    public Duration dedupTtl() {
        return dedupTtl;
    }

    /** Larger input events go to the dead letters; the one place this limit is validated. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** The run every event is assigned to (a replay's run id), or null to keep each event's own. */
    public String runId() {
        return runId;
    }

    /**
     * Where the response journal lives (the store's database when {@code sinks.store.journal} is
     * on, the topic {@code sinks.kafka.journal_topic}), or null for no journal: every call is then
     * paid for again after a restore or a re-run.
     */
    public JournalBackend journal() {
        return journal;
    }

    /**
     * Whether journalled errors ({@code client_error}, {@code bad_response}, {@code image_error})
     * are asked again instead of reused, their new outcomes replacing them in the journal; answers
     * are still reused. Default false; {@code vlm-eval replay --retry-errors} sets it.
     */
    public boolean journalRetryErrors() {
        return journalRetryErrors;
    }

    /**
     * The store whose {@code judged_objects} table keeps the objects judges' lists (the job's
     * store, whenever it has one), or null: lists are then kept in memory and checkpoints only, and
     * a list paid for after the last checkpoint is paid again after a restore.
     */
    public StoreOptions judgeStore() {
        return judgeStore;
    }

    /** The regression alerts' settings (job.yaml {@code pipeline.alerts}). */
    public AlertOptions alerts() {
        return alerts;
    }

    /** Late labels: their TTL and how long windows stay open to their corrections. */
    public LabelsOptions labels() {
        return labels;
    }

    public EventParser parser() {
        return new EventParser(maxEventBytes, runId);
    }

    @Override
    public String toString() {
        return "PipelineOptions{endpoints="
                + endpoints.endpoints().stream().map(e -> e.name()).toList()
                + ", windows="
                + windows.stream().map(WindowSpec::id).toList()
                + ", maxOutOfOrderness="
                + maxOutOfOrderness
                + ", idleness="
                + idleness
                + ", allowedLateness="
                + allowedLateness
                + ", dedupTtl="
                + dedupTtl
                + ", maxEventBytes="
                + maxEventBytes
                + ", runId="
                + runId
                + ", journalRetryErrors="
                + journalRetryErrors
                + ", alerts="
                + alerts
                + ", labels="
                + labels
                + "}";
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b =
                new Builder().endpoints(endpoints).runId(runId).windows(windows).journal(journal);
        b.journalRetryErrors = journalRetryErrors;
        b.judgeStore = judgeStore;
        b.alerts = alerts;
        b.labels = labels;
        b.maxOutOfOrderness = maxOutOfOrderness;
        b.idleness = idleness;
        b.allowedLateness = allowedLateness;
        b.dedupTtl = dedupTtl;
        b.maxEventBytes = maxEventBytes;
        return b;
    }

    /**
     * Builder with the documented defaults; also what job.yaml's {@code pipeline:} section binds to
     * (each setter is the option of the same snake_case name). {@link #build()} validates.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private EndpointsConfig endpoints = EndpointsConfig.none();
        private List<WindowSpec> windows =
                List.of(WindowSpec.DEFAULT_SLIDING, WindowSpec.DEFAULT_TUMBLING);
        private Duration maxOutOfOrderness = DEFAULT_MAX_OUT_OF_ORDERNESS;
        private Duration idleness = DEFAULT_IDLENESS;
        private Duration allowedLateness = DEFAULT_ALLOWED_LATENESS;
        private Duration dedupTtl = DEFAULT_DEDUP_TTL;
        private long maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
        private String runId;
        private JournalBackend journal;
        private boolean journalRetryErrors;
        private StoreOptions judgeStore;
        private AlertOptions alerts = AlertOptions.defaults();
        private LabelsOptions labels = LabelsOptions.defaults();

        private Builder() {}

        /** The endpoints to ask: from their own file (job.yaml's top-level {@code endpoints}). */
        @JsonIgnore
        public Builder endpoints(EndpointsConfig value) {
            this.endpoints = value;
            return this;
        }

        public Builder windows(List<WindowSpec> value) {
            this.windows = value;
            return this;
        }

        public Builder maxOutOfOrderness(Duration value) {
            this.maxOutOfOrderness = value;
            return this;
        }

        public Builder idleness(Duration value) {
            this.idleness = value;
            return this;
        }

        public Builder allowedLateness(Duration value) {
            this.allowedLateness = value;
            return this;
        }

        public Builder dedupTtl(Duration value) {
            this.dedupTtl = value;
            return this;
        }

        @JsonDeserialize(using = YamlOptions.ByteSizeDeserializer.class)
        public Builder maxEventBytes(long value) {
            this.maxEventBytes = value;
            return this;
        }

        /** The run every event is assigned to (job.yaml's top-level {@code run_id}). */
        @JsonIgnore
        public Builder runId(String value) {
            this.runId = value;
            return this;
        }

        /**
         * The response journal's database, or null for none (set from {@code sinks.store} when its
         * {@code journal} option is on, not a {@code pipeline:} option).
         */
        @JsonIgnore
        public Builder journal(StoreOptions value) {
            return journal(value == null ? null : PostgresJournal.backend(value));
        }

        /**
         * The response journal's backend, or null for none (set from {@code sinks.store.journal} or
         * {@code sinks.kafka.journal_topic}, not a {@code pipeline:} option).
         */
        @JsonIgnore
        public Builder journal(JournalBackend value) {
            this.journal = value;
            return this;
        }

        /**
         * Where objects judges keep their lists: the job's store (set from {@code sinks.store} or
         * {@code replay --store}, not a {@code pipeline:} option); see {@link
         * PipelineOptions#judgeStore()}.
         */
        @JsonIgnore
        public Builder judgeStore(StoreOptions value) {
            this.judgeStore = value;
            return this;
        }

        /**
         * Ask journalled errors again (not a {@code pipeline:} option: {@code replay
         * --retry-errors}); see {@link PipelineOptions#journalRetryErrors()}.
         */
        @JsonIgnore
        public Builder journalRetryErrors(boolean value) {
            this.journalRetryErrors = value;
            return this;
        }

        public Builder alerts(AlertOptions value) {
            this.alerts = value;
            return this;
        }

        public Builder labels(LabelsOptions value) {
            this.labels = value;
            return this;
        }

        public PipelineOptions build() {
            Check.required("endpoints", endpoints);
            Check.required("alerts", alerts);
            Check.required("labels", labels);
            Check.that(
                    windows != null && !windows.isEmpty(),
                    "windows",
                    "must name at least one window family such as 5m/1m");
            for (int i = 0; i < windows.size(); i++) {
                for (int j = 0; j < i; j++) {
                    // Two families of one size share windows ([0, 5m) is both a 5m/1m and a 5m
                    // window) and their rows have the same key: one would overwrite the other.
                    Check.that(
                            !windows.get(j).size().equals(windows.get(i).size()),
                            "windows[" + i + "]",
                            windows.get(j).id()
                                    + " and "
                                    + windows.get(i).id()
                                    + " have the same size; their windows would share rows");
                }
            }
            Check.nonNegative("max_out_of_orderness", maxOutOfOrderness);
            Check.positive("idleness", idleness);
            Check.nonNegative("allowed_lateness", allowedLateness);
            Check.nonNegative("dedup_ttl", dedupTtl);
            Check.that(
                    dedupTtl.isZero() || dedupTtl.toMillis() >= 1,
                    "dedup_ttl",
                    "must be 0s (no deduplication) or at least 1ms, was " + dedupTtl);
            Check.that(
                    maxEventBytes >= 1 && maxEventBytes <= Integer.MAX_VALUE,
                    "max_event_bytes",
                    "must be in [1, " + Integer.MAX_VALUE + "], was " + maxEventBytes);
            Check.that(runId == null || !runId.isBlank(), "run_id", "must not be blank");
            Check.that(
                    !journalRetryErrors || journal != null,
                    "journal_retry_errors",
                    "needs a response journal (a store with journal: true)");
            Check.that(
                    !journalRetryErrors || journal instanceof PostgresJournal.Store,
                    "journal_retry_errors",
                    "needs the store's response journal, not the Kafka journal");
            return new PipelineOptions(this);
        }
    }
}
