#!/usr/bin/env bash
# Samples the local stack's PostgreSQL every 2 s while a benchmark runs (the soak's diagnosis in
# bench/README.md): the time, the CPU's iowait ticks so far (/proc/stat), the checkpoint counters
# of pg_stat_bgwriter (timed, requested, write ms, sync ms, buffers written by checkpoints, by
# backends, backend fsyncs) and the client backends that are not idle, by state and wait event.
# Usage: bash bench/support/pg-waits.sh > samples.txt & … ; kill %1
set -uo pipefail
pg=${PG_SAMPLE_URL:-postgres://postgres:postgres@127.0.0.1:54329/postgres}
while true; do
  read -r _ _ _ _ _ iowait _ < /proc/stat
  waits=$(psql "$pg" -Atc "SELECT coalesce(string_agg(k || '=' || c, ' ' ORDER BY c DESC), '')
    FROM (SELECT state || ':' || coalesce(wait_event_type, '-') || '/' || coalesce(wait_event, '-') AS k,
                 count(*) AS c
          FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'
          GROUP BY 1) AS t" 2>/dev/null)
  checkpoints=$(psql "$pg" -Atc "SELECT concat_ws(' ', checkpoints_timed, checkpoints_req,
    round(checkpoint_write_time), round(checkpoint_sync_time), buffers_checkpoint,
    buffers_backend, buffers_backend_fsync) FROM pg_stat_bgwriter" 2>/dev/null)
  echo "$(date -u +%H:%M:%S) iowait=$iowait ckpt=[$checkpoints] $waits"
  sleep 2
done
