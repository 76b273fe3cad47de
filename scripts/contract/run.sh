#!/usr/bin/env bash
# The contract test (test/contract.e2e.spec.ts): each service's OpenAPI document validated, then
# Schemathesis generating requests from it against both services as real processes.
#   npm run contract              long mode: 15 minutes of generated requests per service, a new seed each run
#   npm run contract -- --short   what `npm test` runs: 90 s per service, a fixed seed
# Servers come from the environment, containers or the local stack, as for `npm test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib/steps.sh

export CONTRACT_MODE=long
if [[ ${1:-} == --short ]]; then
  CONTRACT_MODE=short
  shift
fi
step "Node.js 24 and npm packages" ensure_node_modules
step "contract test ($CONTRACT_MODE mode)" npx jest --ci --runInBand --selectProjects integration \
  --testPathPatterns 'test/contract' "$@"
print_step_times
