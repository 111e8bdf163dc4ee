#!/usr/bin/env bash
# Crash soak: kill -9 `aispm serve` at random points of scans of the demo tenant, restart it, and check every
# run completes with the same open findings as an uninterrupted scan. Usage: bench/soak.sh [KILLS=10]
# (The bounded version runs in the test suite: ServeCrashRecoveryTests.)
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-10}"
./scripts/ensure-azurite.sh
dotnet build src/AiSpm.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
aispm="dotnet src/AiSpm.Cli/bin/Release/net10.0/aispm.dll"
work="$(mktemp -d)"
trap 'kill -9 ${server:-0} ${azurite:-0} 2>/dev/null || true; rm -rf "$work"' EXIT

tools/azurite/node_modules/.bin/azurite --disableTelemetry --inMemoryPersistence --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort 0 --queuePort 0 --tablePort 0 > "$work/azurite.log" 2>&1 &
azurite=$!
for _ in $(seq 100); do grep -q "Table service is successfully listening" "$work/azurite.log" && break; sleep 0.1; done
port_of() { grep "$1 service is successfully listening" "$work/azurite.log" | sed -E 's/.*:([0-9]+)$/\1/'; }
key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;QueueEndpoint=http://127.0.0.1:$(port_of Queue)/devstoreaccount1;TableEndpoint=http://127.0.0.1:$(port_of Table)/devstoreaccount1"
export AISPM_LOCAL_API_KEY=soak-key-0123456789abcdef AISPM_EMULATOR_LATENCY_MS=100 Scan__SubscriptionsPerShard=1 Scan__VisibilityTimeoutSeconds=2 Scan__ActivityConcurrency=1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
api="http://127.0.0.1:$port"
start() { $aispm serve --fixture demo-tenant --port "$port" >> "$work/serve.log" 2>&1 & server=$!; for _ in $(seq 100); do curl -fs "$api/" >/dev/null && return; sleep 0.1; done; echo "server did not start"; exit 1; }
status() { curl -fs -H "x-functions-key: $AISPM_LOCAL_API_KEY" "$api/api/scans/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }
open_count() { curl -fs -H "x-functions-key: $AISPM_LOCAL_API_KEY" "$api/api/findings?status=open&pageSize=1000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))'; }

start
run=$(curl -fs -X POST -H "x-functions-key: $AISPM_LOCAL_API_KEY" "$api/api/scans" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
until [ "$(status "$run")" != Running ]; do sleep 0.2; done
expected=$(open_count)
echo "reference run $run: $expected open findings"
failures=0
for i in $(seq "$kills"); do
  run=$(curl -fs -X POST -H "x-functions-key: $AISPM_LOCAL_API_KEY" "$api/api/scans" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
  sleep "$(python3 -c "import random; print(round(random.uniform(0.05, 2.5), 2))")"
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  start
  for _ in $(seq 300); do [ "$(status "$run")" != Running ] && break; sleep 0.2; done
  got=$(open_count); state=$(status "$run")
  echo "kill $i: run $run $state, $got open findings"
  if [ "$state" != Completed ] || [ "$got" != "$expected" ]; then failures=$((failures + 1)); fi
done
echo "soak: $kills kills, $failures mismatches"
[ "$failures" -eq 0 ]
