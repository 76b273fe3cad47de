#!/usr/bin/env bash
# `npm run token -- <username> [--admin]`: prints a bearer token for the local services, signed
# with the local stack's secret (made by `npm start` / `scripts/stack.sh up`), valid 12 hours.
#   TOKEN=$(npm run --silent token -- ada)
#   curl -H "Authorization: Bearer $TOKEN" ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -z ${AUTH_JWT_SECRET:-} ]]; then
  export AUTH_JWT_SECRET_FILE=${AUTH_JWT_SECRET_FILE:-${STACK_DIR:-.stack}/auth/jwt-secret}
  if [[ ! -s $AUTH_JWT_SECRET_FILE ]]; then
    echo "no local token secret yet: run npm start (or npm run stack up) first" >&2
    exit 1
  fi
fi
source scripts/lib/node.sh
use_node_24
exec node -r ts-node/register/transpile-only libs/service-runtime/src/access/token.cli.ts "$@"
