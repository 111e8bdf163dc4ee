#!/usr/bin/env bash
# Builds the deployable package of the Functions app (.NET isolated worker): the app, host.json, functions.metadata
# and the host extensions in .azurefunctions/. Usage: scripts/publish.sh [OUT_DIR] (default artifacts/functionapp)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/functionapp}"
dotnet publish src/AiSpm.Functions -c Release -o "$out" --nologo -clp:ErrorsOnly
echo "Deployable folder: $out"
ls "$out"/host.json "$out"/functions.metadata
