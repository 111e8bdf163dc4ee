#!/usr/bin/env bash
# Runs a benchmark and writes its figures under bench/results/. See bench/README.md.
#   bench/run.sh storage [options]
#   bench/run.sh scale [--preset s-small|s-medium|s-large|all] [--throttling off|on|both] [--seed N] [--no-durable]
#     (s-large then also runs `durable --preset s-large`)
#   bench/run.sh events [--preset s-small|s-medium|LIST] [--events N] [--seed N]
#   bench/run.sh durable [--preset s-small|s-medium|s-large] [--seed N] [--concurrency N] [--subscriptions-per-shard N] [--allocations]
#   bench/run.sh directory [--preset s-small|s-medium|s-large] [--seed N] [--repeat R] [--allocations]
set -euo pipefail
cd "$(dirname "$0")/.."
verb="${1:-storage}"
if [ "$verb" = storage ] || [ "$verb" = events ] || [ "$verb" = durable ] || [ "$verb" = scale ]; then
  ./scripts/ensure-azurite.sh
fi
# The benchmarks run the app as it is deployed: published ReadyToRun for this machine (see src/AiSpm.Functions).
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;; Linux-aarch64) rid=linux-arm64 ;;
  Darwin-arm64) rid=osx-arm64 ;; Darwin-x86_64) rid=osx-x64 ;;
  *) echo "bench/run.sh: no runtime identifier known for $(uname -s) $(uname -m)" >&2; exit 2 ;;
esac
out=bench/AiSpm.Bench/bin/published
dotnet publish bench/AiSpm.Bench -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v quiet -clp:ErrorsOnly
dotnet "$out/AiSpm.Bench.dll" "${@:-storage}" --out bench/results
