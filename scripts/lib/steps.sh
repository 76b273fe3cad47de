# Shared by start.sh and test.sh: timed steps, and the npm packages installed when missing.
# shellcheck shell=bash

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

# npm ci when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
    echo "node_modules is up to date"
  else
    npm ci --no-audit --no-fund
  fi
}
