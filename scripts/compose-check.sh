#!/usr/bin/env bash
# `docker compose config`: parses and validates docker-compose.yml the way Compose itself does,
# with no Docker engine needed. Where the Docker CLI has no Compose plugin (as on this machine
# kind, whose Debian offers only Compose v1), the Compose v2 CLI is built once from the Go module
# proxy into .stack/docker/cli-plugins and used as the plugin.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_DIR=${STACK_DIR:-$ROOT/.stack}
COMPOSE_VERSION=v2.40.3
cd "$ROOT"

if docker compose version >/dev/null 2>&1; then
  exec docker compose config --quiet
fi

plugin_dir=$STACK_DIR/docker/cli-plugins
plugin=$plugin_dir/docker-compose
if [[ ! -x $plugin || $($plugin version --short 2>/dev/null) != "${COMPOSE_VERSION#v}" ]]; then
  command -v go >/dev/null || { echo "compose-check: needs Go to build Docker Compose" >&2; exit 1; }
  echo "building Docker Compose $COMPOSE_VERSION from the Go module proxy (a few minutes, once)"
  # Compose's go.mod has `exclude` directives, which `go install pkg@version` refuses: build the
  # downloaded module as the main module instead.
  module_dir=$(go mod download -json "github.com/docker/compose/v2@$COMPOSE_VERSION" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  build_dir=$STACK_DIR/build/compose
  rm -rf "$build_dir"
  mkdir -p "$build_dir" "$plugin_dir"
  cp -r "$module_dir/." "$build_dir"
  chmod -R u+w "$build_dir"
  (cd "$build_dir" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
    -o "$plugin" ./cmd)
  rm -rf "$build_dir"
fi

if command -v docker >/dev/null; then
  # The Docker CLI finds plugins in $DOCKER_CONFIG/cli-plugins: this is `docker compose` itself.
  DOCKER_CONFIG=$STACK_DIR/docker exec docker compose config --quiet
fi
exec "$plugin" config --quiet
