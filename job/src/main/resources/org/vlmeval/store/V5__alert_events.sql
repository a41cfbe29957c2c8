-- V5: regression alerts (org.vlmeval.pipeline.DetectShifts; docs/job.md, "Regression alerts").
--
-- Applied by Flyway (org.vlmeval.store.StoreMigrations) in one transaction; never edit it once
-- released. ${schema} is replaced by the quoted schema name. Documented in docs/store.md.
--
-- alert_events: one row per alert opening (state 'firing') and one per its resolution
-- ('resolved'); a replay or a restore writes the same rows again (upsert on the key).
--   alert_id        text        PK  run/model/category/metric/start of the window that opened it
--   state           text        PK  firing | resolved
--   run, model, category, metric   what is alerted on (category '*' = all categories)
--   window_start, window_end       the window that opened (firing) or closed (resolved) it
--   window_rate     float8          the rate in that window
--   window_trials   bigint          its denominator
--   baseline_rate   float8      ?   the trailing baseline it was compared with
--   baseline_trials bigint          trials in that baseline
--   p_value         float8      ?   one-sided p-value of the opening window (firing only)
CREATE TABLE ${schema}.alert_events (
    alert_id        text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('firing', 'resolved')),
    run             text        NOT NULL,
    model           text        NOT NULL,
    category        text        NOT NULL,
    metric          text        NOT NULL,
    window_start    timestamptz NOT NULL,
    window_end      timestamptz NOT NULL,
    window_rate     float8      NOT NULL,
    window_trials   bigint      NOT NULL,
    baseline_rate   float8,
    baseline_trials bigint      NOT NULL,
    p_value         float8,
    written_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (alert_id, state)
);

CREATE INDEX alert_events_by_time ON ${schema}.alert_events (window_end);

-- alerts: one row per alert, open ones with resolved_at null (the Grafana table reads this).
CREATE VIEW ${schema}.alerts AS
SELECT f.alert_id,
       f.run,
       f.model,
       f.category,
       f.metric,
       f.window_end   AS fired_at,
       r.window_end   AS resolved_at,
       f.baseline_rate,
       f.window_rate  AS fired_rate,
       f.window_trials AS fired_trials,
       f.p_value,
       r.window_rate  AS resolved_rate
  FROM ${schema}.alert_events f
  LEFT JOIN ${schema}.alert_events r ON r.alert_id = f.alert_id AND r.state = 'resolved'
 WHERE f.state = 'firing';
