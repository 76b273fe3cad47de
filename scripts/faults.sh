#!/usr/bin/env bash
# The fault and bad-input suite (test/faults/): both services as real processes over the real
# servers, attacked while under load; prints a table per scenario.
#   npm run faults             short mode (CI runs it within `npm test`): a few minutes
#   npm run faults -- --long   bigger loads, longer faults
#   npm run faults -- --cluster  the scale-out suite: a three-broker Kafka cluster (stack.sh
#                              cluster), two post-cmd and three post-query instances
# Servers come from the environment, containers or the local stack, as for `npm test`; the
# scenarios that kill servers run on the local stack only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/steps.sh

export FAULTS_MODE=short
project=integration
paths=test/faults/
while [[ ${1:-} == --long || ${1:-} == --cluster ]]; do
  case $1 in
    --long) FAULTS_MODE=long ;;
    --cluster) project=scale-out paths=test/faults/cluster/ ;;
  esac
  shift
done

step "Node.js 24 and npm packages" ensure_node_modules
rm -rf reports/faults reports/faults-jest.json
mkdir -p reports
status=0
step "fault suite ($project, $FAULTS_MODE mode)" npx jest --ci --runInBand --selectProjects "$project" \
  --testPathPatterns "$paths" --json --outputFile=reports/faults-jest.json "$@" || status=$?
node scripts/fault-tables.js
print_step_times
node scripts/jest-summary.js reports/faults-jest.json
exit "$status"
