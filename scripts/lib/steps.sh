# Shared by the scripts: timed steps, Node.js 24, and the npm packages installed when missing.
# shellcheck shell=bash

source "$(dirname "${BASH_SOURCE[0]}")/node.sh"

STEP_TIMES=()

# step NAME COMMAND...: runs COMMAND, printing when it starts and how long it took.
# Returns COMMAND's status, so a failed step stops a `set -e` script.
step() {
  local name=$1 started=$SECONDS status=0 outcome=done
  shift
  printf '\n==> %s\n' "$name"
  "$@" || status=$?
  local took=$((SECONDS - started))
  ((status == 0)) || outcome="FAILED (exit $status)"
  STEP_TIMES+=("$(printf '%5d s  %s: %s' "$took" "$name" "$outcome")")
  printf '==> %s: %s in %d s\n' "$name" "$outcome" "$took"
  return "$status"
}

print_step_times() {
  printf '\nwhere the time went:\n'
  printf '  %s\n' "${STEP_TIMES[@]}"
}

# Node.js 24 first on PATH (scripts/lib/node.sh), then npm ci when node_modules is missing,
# older than the lockfile, or installed by another Node.js major (native addons differ).
ensure_node_modules() {
  use_node_24
  echo "node $(node --version), npm $(npm --version)"
  local installed_with=node_modules/.installed-with-node
  if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json &&
    $(cat "$installed_with" 2>/dev/null) == "$(node_major)" ]]; then
    echo "node_modules is up to date"
  else
    npm ci --no-audit --no-fund
    node_major >"$installed_with"
  fi
}

# Debian's Chromium, for the tests that look at a page as a person does (test/support/browser.ts),
# when no browser is named in CHROMIUM_PATH and none is installed.
ensure_chromium() {
  local browser=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [[ -x $browser ]]; then
    echo "chromium: $browser"
    return
  fi
  if ((EUID != 0)) || ! command -v apt-get >/dev/null; then
    echo "no Chromium at $browser: install Debian's chromium package, or set CHROMIUM_PATH" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }
}
