#!/usr/bin/env bash
# Benchmarks (bench/): our paths against the raw drivers in the same run.
#   npm run bench                 full sizes; writes bench/results/<date>.{json,md,svg}
#   npm run bench -- --smoke      seconds (CI); writes reports/bench-smoke/
#   npm run bench -- --only NAME[,NAME]  some benchmarks (command path, projection, visible,
#                                 rebuild, long streams, store size, outbox backlog, live, soak (30 min),
#                                 scale-out:
#                                 this one starts the three-node Kafka cluster, stack.sh cluster)
# Uses the servers in MONGO_URL, KAFKA_BROKERS and DATABASE_URL, or starts the local stack.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/steps.sh

step "Node.js 24 and npm packages" ensure_node_modules
# Servers this run starts, it stops again: the machine is left as it was found.
stopped_before=$(bash scripts/stack.sh status | awk '$2 == "stopped" {print $1}' || true)
trap '[[ -z $stopped_before ]] || bash scripts/stack.sh down $stopped_before' EXIT
step "servers" bash scripts/stack.sh up
eval "$(bash scripts/stack.sh env)"
export LOG_LEVEL=warn
# The services run as production does: their build (bench/support/system.ts).
step "build both services" npm run --silent build
step "benchmarks" node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/run.ts "$@"
print_step_times
