#!/usr/bin/env bash
# The contract test's tools, from PyPI into a virtualenv under $STACK_DIR at the versions pinned
# in requirements.txt (installed once, about 30 s; again when that file changes):
#   scripts/contract/tools.sh st run <schema URL> ...           Schemathesis, the OpenAPI-driven
#                                                               property-based API tester
#   scripts/contract/tools.sh openapi-spec-validator FILE      checks an OpenAPI document
# test/contract.e2e.spec.ts runs both.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STACK_DIR=${STACK_DIR:-$ROOT/.stack}
venv=$STACK_DIR/contract-tools
stamp=$venv/requirements.sha256
wanted=$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)

case ${1:-} in
  st | openapi-spec-validator) ;;
  *) echo "usage: tools.sh st|openapi-spec-validator ARGS..." >&2; exit 2 ;;
esac

if [[ $(cat "$stamp" 2>/dev/null) != "$wanted" ]]; then
  command -v python3 >/dev/null || { echo "tools.sh: needs python3" >&2; exit 1; }
  echo "installing the contract test's tools (Schemathesis, openapi-spec-validator) into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" >&2
  echo "$wanted" >"$stamp"
fi
tool=$1
shift
exec "$venv/bin/$tool" "$@"
