#!/usr/bin/env bash
# The fault and bad-input suite (test/faults/): both services as real processes over the real
# servers, attacked while under load; prints a table per scenario.
#   npm run faults             short mode (CI runs it within `npm test`): a few minutes
#   npm run faults -- --long   bigger loads, longer faults
# Servers come from the environment, containers or the local stack, as for `npm test`; the
# scenarios that kill servers run on the local stack only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/steps.sh

export FAULTS_MODE=short
if [[ ${1:-} == --long ]]; then
  FAULTS_MODE=long
  shift
fi

step "npm packages" ensure_node_modules
rm -rf reports/faults reports/faults-jest.json
mkdir -p reports
status=0
step "fault suite ($FAULTS_MODE mode)" npx jest --ci --runInBand --selectProjects integration \
  --testPathPatterns 'test/faults/' --json --outputFile=reports/faults-jest.json "$@" || status=$?
node scripts/fault-tables.js
print_step_times
node scripts/jest-summary.js reports/faults-jest.json
exit "$status"
