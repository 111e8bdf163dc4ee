#!/usr/bin/env bash
# The main job on a fresh machine (.NET 10 SDK + Node 20): installs Azurite, builds aispm, runs `aispm demo`.
# aispm starts its own private Azurite on free loopback ports and stops it when done.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-azurite.sh
dotnet build src/AiSpm.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet src/AiSpm.Cli/bin/Release/net10.0/aispm.dll demo "$@"
