#!/usr/bin/env bash
# Samples the local stack's PostgreSQL once a minute while a benchmark runs (the soak's diagnosis
# in bench/README.md): the statements that took the most execution time in that minute, from
# pg_stat_statements (scripts/stack.sh loads it), each with its database, calls, total and mean
# milliseconds, rows and shared blocks hit and read; the counters are reset after each reading,
# so every line is one minute's work. A statement whose mean grows minute after minute is what
# makes PostgreSQL costlier as a run goes on.
# Usage: bash bench/support/pg-statements.sh > statements.txt & … ; kill %1
set -uo pipefail
pg=${PG_SAMPLE_URL:-postgres://postgres:postgres@127.0.0.1:54329/postgres}
top=${PG_STATEMENTS_TOP:-12}
psql "$pg" -qc 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null
psql "$pg" -qAtc 'SELECT pg_stat_statements_reset()' >/dev/null
minute=0
while true; do
  sleep 60
  minute=$((minute + 1))
  echo "== minute $minute ($(date -u +%H:%M:%S))"
  psql "$pg" -qAt -F ' | ' -c "SELECT d.datname, s.calls, round(s.total_exec_time::numeric, 1),
      round(s.mean_exec_time::numeric, 3), s.rows, s.shared_blks_hit, s.shared_blks_read,
      left(regexp_replace(s.query, '\s+', ' ', 'g'), 160)
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
    ORDER BY s.total_exec_time DESC LIMIT $top"
  psql "$pg" -qAtc 'SELECT pg_stat_statements_reset()' >/dev/null
done
