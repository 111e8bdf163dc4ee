#!/usr/bin/env bash
# Installs the pinned Azurite (tools/azurite) unless the installed copy already matches the lock file.
set -euo pipefail
exec "$(dirname "$0")/ensure-node-tool.sh" azurite
