#!/usr/bin/env bash
# Runs the whole system on this machine: installs what is missing (npm packages, PostgreSQL,
# Kafka, FerretDB), starts the local servers, builds both services and runs them in the
# foreground. Ctrl-C stops the services; `npm run stack down` stops the servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/steps.sh

step "Node.js 24 and npm packages" ensure_node_modules
step "local servers (scripts/stack.sh up)" bash scripts/stack.sh up
eval "$(bash scripts/stack.sh env)"
# The services verify bearer tokens with the local stack's secret (AUTH_JWT_SECRET_FILE);
# post-cmd seals personal data under the stack's master key (PERSONAL_DATA_MASTER_KEY_FILE).
export MONGO_URL KAFKA_BROKERS DATABASE_URL AUTH_JWT_SECRET_FILE PERSONAL_DATA_MASTER_KEY_FILE
step "build both services" npm run --silent build

pids=()
stop_services() {
  trap - INT TERM EXIT
  ((${#pids[@]} == 0)) || kill "${pids[@]}" 2>/dev/null || true
  wait || true
}
trap stop_services INT TERM EXIT

# Each service's log lines, prefixed with its name: readable ones when a person watches this
# terminal (the services write to a pipe, so they cannot tell themselves), JSON lines otherwise.
if [[ -t 1 ]]; then export LOG_FORMAT=${LOG_FORMAT:-pretty}; fi

run_service() {
  local name=$1 port=$2
  # Process substitution, not a pipe: $! must be node's pid, so that stopping reaches it.
  PORT=$port node "dist/apps/$name/apps/$name/src/main.js" > >(sed -u "s/^/[$name] /") 2>&1 &
  pids+=($!)
}
WEB_ORIGIN=http://127.0.0.1:${WEB_PORT:-3000}
# The web page calls both services from its own origin: CORS for it, here only.
export CORS_ORIGINS=${CORS_ORIGINS:-$WEB_ORIGIN}
export POST_CMD_URL=${POST_CMD_URL:-http://127.0.0.1:${POST_CMD_PORT:-3001}}
export POST_QUERY_URL=${POST_QUERY_URL:-http://127.0.0.1:${POST_QUERY_PORT:-3002}}
run_service post-cmd "${POST_CMD_PORT:-3001}"
run_service post-query "${POST_QUERY_PORT:-3002}"
# The page and its development-only sign-in (apps/web): never in an image, never in production.
PORT=${WEB_PORT:-3000} node -r ts-node/register/transpile-only -r tsconfig-paths/register \
  apps/web/src/main.ts > >(sed -u "s/^/[web] /") 2>&1 &
pids+=($!)

wait_until_serving() {
  local url=$1 deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$url"; do
    ((SECONDS < deadline)) || { echo "no answer from $url after 60 s" >&2; exit 1; }
    sleep 0.5
  done
}
# Ready: serving, and every dependency answers (post-query's consumer in its group).
wait_until_serving "http://127.0.0.1:${POST_CMD_PORT:-3001}/health/ready"
wait_until_serving "http://127.0.0.1:${POST_QUERY_PORT:-3002}/health/ready"
wait_until_serving "$WEB_ORIGIN/"
print_step_times
cat <<INFO

social-posts is running:
  web page    $WEB_ORIGIN/    the live feed; sign in as anyone (local only) and watch each command travel
  post-cmd    http://127.0.0.1:${POST_CMD_PORT:-3001}/api/v1    OpenAPI: http://127.0.0.1:${POST_CMD_PORT:-3001}/api/docs
  post-query  http://127.0.0.1:${POST_QUERY_PORT:-3002}/api/v1    OpenAPI: http://127.0.0.1:${POST_QUERY_PORT:-3002}/api/docs
  health      /health/live and /health/ready on each (docs/09-operations.md)
  metrics     http://127.0.0.1:${POST_CMD_PORT:-3001}/metrics  http://127.0.0.1:${POST_QUERY_PORT:-3002}/metrics  (Prometheus text format)

Commands need a bearer token; its subject is the acting user (--admin adds the admin role).
In another terminal:
  TOKEN=\$(npm run --silent token -- ada)
  curl -s -X POST http://127.0.0.1:${POST_CMD_PORT:-3001}/api/v1/posts -H "Authorization: Bearer \$TOKEN" \\
       -H 'content-type: application/json' -d '{"message":"Hello, world"}'
  curl -s http://127.0.0.1:${POST_QUERY_PORT:-3002}/api/v1/posts/<postId>
In Swagger UI (/api/docs), paste a token under Authorize.

Ctrl-C stops the services and the page; the servers keep running until: npm run stack down
INFO
wait -n
