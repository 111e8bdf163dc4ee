#!/usr/bin/env bash
# Builds the deployable folder of the Functions app: host.json, one folder per function (function.json), and a
# self-contained linux-x64 aispm executable. Usage: scripts/publish.sh [OUT_DIR] (default artifacts/functionapp)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/functionapp}"
dotnet publish src/AiSpm.Cli -c Release -r linux-x64 --self-contained true -o "$out" --nologo -clp:ErrorsOnly
echo "Deployable folder: $out"
ls "$out"/host.json "$out"/*/function.json
