#!/usr/bin/env bash
# Capacity search against the batching simulator, whose limit is known: lambda* = T / L req/s
# (T = --tokens-per-second at full batch, L = output tokens per request). Default: N=64, T=2000, L=10 -> 200 req/s.
# Prints the found rate, its error against the truth, and the budget used (requests must stay <= 3000).
# Usage: scripts/bench/capacity-search.sh [ARRIVAL] (constant (default) or poisson). Needs a Release CLI build and jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
tc="dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"
arrival=${1:-constant}
batch=64 tps=2000 step=8 tokens=10
work=$(mktemp -d)
port=18$((RANDOM % 900 + 100))
$tc serve --simulate --max-batch $batch --tokens-per-second $tps --step-ms $step --port "$port" 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
date -u; uptime
truth=$(echo "$tps / $tokens" | bc -l)
/usr/bin/time -v $tc capacity --backend openai-compatible --base-url "http://127.0.0.1:$port/v1" --model sim --prompt "Summarize: x" \
  --max-tokens $tokens --ignore-eos --arrival "$arrival" --slo "ttft_p95<=100ms" --point-seconds 1.5 --tolerance 5% \
  --max-requests 3000 --max-time 5m --db "$work/c.db" --json 2>"$work/time.txt" \
  | jq -r --argjson truth "$truth" '"found \(.found_rate_rps) req/s (truth \($truth) req/s, error \(((.found_rate_rps / $truth - 1) * 1000 | round) / 10)%); bracket [\(.bracket.low_rps), \(.bracket.high_rps)]; stop \(.stop); budget \(.budget.requests_used) requests, \(.budget.time_used_s | round) s; points \([.points[] | "\(.rate_rps | . * 10 | round / 10):\(.outcome)"] | join(" "))"'
grep -E "User time|System time|Maximum resident|Elapsed" "$work/time.txt"
uptime
