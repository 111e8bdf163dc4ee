#!/usr/bin/env bash
# The pinned Bicep CLI (NuGet package Azure.Bicep.CommandLine.linux-x64, restored by tools/bicep) with the given
# arguments: ./scripts/bicep.sh build infra/main.bicep --stdout. The first call restores it into the NuGet packages folder.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/.*Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' tools/bicep/Bicep.Restore.csproj)
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -x "$bicep" ]; then
  dotnet restore tools/bicep/Bicep.Restore.csproj --nologo -v quiet >&2
  chmod +x "$bicep"
fi
exec "$bicep" "$@"
