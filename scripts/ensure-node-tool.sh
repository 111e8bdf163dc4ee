#!/usr/bin/env bash
# Installs the pinned Node tool in tools/<name> (npm ci from its lock file) unless the installed copy already matches
# the lock file. Tools: azurite (the Storage emulator), schema-validation (ajv and the SARIF Multitool, for tests).
set -euo pipefail
name=${1:?usage: ensure-node-tool.sh <azurite|schema-validation>}
cd "$(dirname "$0")/../tools/$name"
stamp=node_modules/.aispm-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "Installing tools/$name (npm ci)..." >&2
npm ci --no-audit --no-fund --loglevel=error >&2
echo "$want" > "$stamp"
