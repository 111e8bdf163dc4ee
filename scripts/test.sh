#!/usr/bin/env bash
# The whole test suite on a fresh machine (.NET 10 SDK + Node 20): installs Azurite, the schema validators
# (tools/schema-validation), the Bicep CLI (tools/bicep) and Debian's Chromium (report rendering), builds, runs every
# test project.
# Storage tests start their own Azurite (one per test assembly, free loopback ports, in memory) through one fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-node-tool.sh azurite
./scripts/ensure-node-tool.sh schema-validation
./scripts/bicep.sh --version >/dev/null   # the pinned Bicep CLI (NuGet), for the infra tests
./scripts/ensure-chromium.sh              # Debian's chromium, for the report rendering tests
dotnet build AiSpmFunctions.sln -c Release --nologo -clp:ErrorsOnly
dotnet test AiSpmFunctions.sln -c Release --no-build --nologo "$@"
