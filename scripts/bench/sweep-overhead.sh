#!/usr/bin/env bash
# A rate sweep of 8 points x 300 requests against the simulator in another process. Compares how long the sweep
# took with the sum of its points' scheduled durations ((n - 1) / rate each, constant arrivals): target within 10%.
# Prints the in-run span (first scheduled send to last stream end, from the stored records) and the whole
# command's wall time (process start, database, preparation included).
# Usage: scripts/bench/sweep-overhead.sh [RATES] (default 40,60,80,100,120,140,160,180). Needs a Release CLI build, jq, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
tc="dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"
rates=${1:-40,60,80,100,120,140,160,180}
n=300
work=$(mktemp -d)
port=18$((RANDOM % 900 + 100))
$tc serve --simulate --ttft-ms 50 --tpot-ms 5 --port "$port" 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
date -u; uptime
start=$(date +%s.%N)
/usr/bin/time -v $tc run --backend openai-compatible --base-url "http://127.0.0.1:$port/v1" --model sim --prompt "Summarize: x" \
  --max-tokens 8 --rate "$rates" --arrival constant --requests $n --db "$work/s.db" --json 2>"$work/time.txt" >"$work/run.json"
end=$(date +%s.%N)
scheduled=$(echo "$rates" | tr ',' '\n' | awk -v n=$n '{ s += (n - 1) / $1 } END { printf "%.3f", s }')
span=$(sqlite3 "$work/s.db" "SELECT (MAX(end_ns) - MIN(scheduled_ns)) / 1e9 FROM requests WHERE phase = 'measured';")
wall=$(echo "$end - $start" | bc -l)
jq -r '.series[] | "\(.name): n=\(.requests) ok=\(.succeeded) window \(.window_s | . * 100 | round / 100) s, queue_delay p99 \(.metrics.queue_delay_ms.p99 | . * 100 | round / 100) ms"' "$work/run.json"
awk -v s="$scheduled" -v span="$span" -v wall="$wall" 'BEGIN {
  printf "sum of scheduled durations %.2f s; in-run span %.2f s (%+.1f%%); command wall %.2f s (%+.1f%%)\n", s, span, (span / s - 1) * 100, wall, (wall / s - 1) * 100 }'
grep -E "User time|System time|Maximum resident|Voluntary|Involuntary" "$work/time.txt"
uptime
