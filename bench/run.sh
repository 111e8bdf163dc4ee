#!/usr/bin/env bash
# Runs a benchmark and writes its figures under bench/results/. See bench/README.md.
#   bench/run.sh storage [options]
#   bench/run.sh scale [--preset s-small|s-medium|s-large|all] [--throttling off|on|both] [--seed N]
#   bench/run.sh events [--preset s-small|s-medium|LIST] [--events N] [--seed N]
#   bench/run.sh durable [--preset s-small|s-medium|s-large] [--seed N] [--concurrency N] [--subscriptions-per-shard N] [--allocations]
#   bench/run.sh directory [--preset s-small|s-medium|s-large] [--seed N] [--repeat R] [--allocations]
set -euo pipefail
cd "$(dirname "$0")/.."
verb="${1:-storage}"
if [ "$verb" = storage ] || [ "$verb" = events ] || [ "$verb" = durable ]; then
  ./scripts/ensure-azurite.sh
fi
dotnet run --project bench/AiSpm.Bench -c Release -- "${@:-storage}" --out bench/results
