#!/usr/bin/env bash
# The whole test suite: lint (types, style, architecture boundaries), the compose file, then
# unit and integration tests against real MongoDB-compatible, Kafka and PostgreSQL servers
# (given in the environment, in containers, or the local stack: see test/support/), including
# the fault and bad-input suite in its short mode (test/faults/, also `npm run faults`), and the
# pages a person looks at in Debian's Chromium (installed when missing).
# Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/steps.sh

step "Node.js 24 and npm packages" ensure_node_modules
step "Chromium (browser tests)" ensure_chromium
step "lint: types, ESLint, Prettier, dependency rules" npm run --silent lint
step "docker compose config" bash scripts/compose-check.sh

rm -rf reports/jest.json reports/faults
mkdir -p reports
status=0
# Of the scale-out suite (a three-broker cluster, several instances of each service) only its
# first scenario, a partition leader killed under load: the whole suite is
# `npm run faults -- --cluster` (docs/10-scaling-out.md).
# Jest takes about 20 minutes on two cores; past JEST_TIME_LIMIT_S something hangs (a process
# a test left running, say), and the run is ended with a message instead of eating CI's budget.
jest_time_limit_s=${JEST_TIME_LIMIT_S:-2700}
step "jest: unit and integration tests" timeout --kill-after=30 "$jest_time_limit_s" \
  npx jest --ci --runInBand --selectProjects unit integration \
  --json --outputFile=reports/jest.json "$@" || status=$?
if ((status == 124 || status == 137)); then
  echo "jest did not end within ${jest_time_limit_s} s (JEST_TIME_LIMIT_S): ended" >&2
fi
# The fault suite's tables (test/faults/, short mode unless FAULTS_MODE=long).
node scripts/fault-tables.js
# The benchmarks in their smoke mode: seconds, so that they cannot rot; timings are not judged.
if ((status == 0)); then
  step "bench smoke (npm run bench -- --smoke)" bash scripts/bench.sh --smoke || status=$?
fi
print_step_times

# Jest's own summary is long; this line is what CI reads (and, in CI, a skipped test fails).
node scripts/jest-summary.js || status=1
exit "$status"
