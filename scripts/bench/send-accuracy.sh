#!/usr/bin/env bash
# |sent - scheduled| (queue_delay) of open-loop runs at fixed rates against the simulator in another process.
# Usage: scripts/bench/send-accuracy.sh [RATES...]   (default: 100 500). Needs a Release build of the CLI and jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
tc="dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"
work=$(mktemp -d)
port=18$((RANDOM % 900 + 100))
$tc serve --simulate --ttft-ms 50 --tpot-ms 5 --port "$port" 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
uptime
for rate in "${@:-100 500}"; do
  for r in $rate; do
    n=$((r * 6))   # six seconds of arrivals per rate
    $tc run --backend openai-compatible --base-url "http://127.0.0.1:$port/v1" --model sim --prompt "Summarize: x" \
      --max-tokens 8 --rate "$r" --arrival constant --requests "$n" --warmup 20 --db "$work/r.db" --json 2>/dev/null \
      | jq -r --arg r "$r" '.series[0] | .metrics as $m | "rate \($r)/s: n=\(.requests) ok=\(.succeeded) achieved \(.throughput.requests_per_s|.*10|round/10) req/s; |sent-scheduled| p50 \($m.queue_delay_ms.p50*1000|round/1000) ms, p90 \($m.queue_delay_ms.p90*1000|round/1000) ms, p99 \($m.queue_delay_ms.p99*1000|round/1000) ms, max \($m.queue_delay_ms.max*1000|round/1000) ms"'
  done
done
uptime
