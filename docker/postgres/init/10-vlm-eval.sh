#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume
# (/docker-entrypoint-initdb.d). Creates:
#   - the database vlm_eval and the job's writer login (VLM_EVAL_PG_USER, default vlm_eval),
#     owner of the database and of the schema vlm_eval;
#   - the reader role vlm_eval_reader (NOLOGIN) with SELECT on everything the writer creates in the
#     schema, now and later (ALTER DEFAULT PRIVILEGES);
#   - Grafana's login (VLM_EVAL_GRAFANA_DB_USER), a member of vlm_eval_reader, read-only by default.
#
# Ordering: the job creates its tables (store migrations) only when it first connects, long after
# this script ran, and Grafana starts before that. So the reader role and the schema are created
# HERE, with the names the job uses, and the writer's default privileges grant SELECT on every
# future table/view to vlm_eval_reader. When the migrations run they find the schema (CREATE SCHEMA
# IF NOT EXISTS is a no-op) and the role; a migration that also creates vlm_eval_reader must guard it
# (IF NOT EXISTS), and the writer needs no CREATEROLE. Every statement is idempotent, so running the
# script again against a live database (see docker/README.md) is safe.
set -euo pipefail

: "${VLM_EVAL_PG_DATABASE:=vlm_eval}"
: "${VLM_EVAL_PG_USER:=vlm_eval}"
: "${VLM_EVAL_PG_SCHEMA:=vlm_eval}"
: "${VLM_EVAL_GRAFANA_DB_USER:=grafana_reader}"
: "${VLM_EVAL_PG_PASSWORD:?VLM_EVAL_PG_PASSWORD must be set}"
: "${VLM_EVAL_GRAFANA_DB_PASSWORD:?VLM_EVAL_GRAFANA_DB_PASSWORD must be set}"

# psql interpolates :'var' (a quoted literal) outside dollar quotes only, hence format() + \gexec.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v db="$VLM_EVAL_PG_DATABASE" \
    -v writer="$VLM_EVAL_PG_USER" -v writer_password="$VLM_EVAL_PG_PASSWORD" \
    -v grafana="$VLM_EVAL_GRAFANA_DB_USER" -v grafana_password="$VLM_EVAL_GRAFANA_DB_PASSWORD" \
    -v schema="$VLM_EVAL_PG_SCHEMA" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'writer')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'writer') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'writer', :'writer_password') \gexec

SELECT 'CREATE ROLE vlm_eval_reader NOLOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vlm_eval_reader') \gexec

SELECT format('CREATE ROLE %I LOGIN', :'grafana')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'grafana') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'grafana', :'grafana_password') \gexec
SELECT format('GRANT vlm_eval_reader TO %I', :'grafana') \gexec
SELECT format('ALTER ROLE %I SET default_transaction_read_only = on', :'grafana') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'writer')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO vlm_eval_reader', :'db') \gexec

\connect :db
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', :'schema', :'writer') \gexec
SELECT format('GRANT USAGE ON SCHEMA %I TO vlm_eval_reader', :'schema') \gexec
SELECT format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO vlm_eval_reader', :'schema') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT ON TABLES TO vlm_eval_reader',
              :'writer', :'schema') \gexec
SQL
echo "vlm-eval: database ${VLM_EVAL_PG_DATABASE}, writer ${VLM_EVAL_PG_USER}, reader role vlm_eval_reader, Grafana login ${VLM_EVAL_GRAFANA_DB_USER} ready"
