#!/usr/bin/env bash
# Issue 9 §4-§6 in one command: the client's cost against a Python asyncio client on the same run, idle context
# switches, peak RSS, cold-start error of the first measured request, one-shot summarize overhead, and P1/P2
# (client-added TTFT error at 100/1,000 streams, open-loop send error at 500 req/s), with the simulator pinned to
# CPU $SIM_CPU and the client to CPU $CLIENT_CPU. Prints every figure with the load average.
# Usage: [REPEAT=5] scripts/bench/client-cost.sh [PY_CLIENT]  - PY_CLIENT: optional path of a Python asyncio streaming client
#   taking "BASE_URL N --concurrency C --max-tokens M" (not in the repo); without it the CPU ratio is not printed.
# Needs Release builds of src/TokenClock.Cli and bench/TokenClock.Benchmarks, jq, sqlite3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIM_CPU=${SIM_CPU:-0}; CLIENT_CPU=${CLIENT_CPU:-1}; N=${N:-300}; C=${C:-10}
py=${1:-}
tc="dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"
bench="dotnet bench/TokenClock.Benchmarks/bin/Release/net10.0/TokenClock.Benchmarks.dll"
work=$(mktemp -d); pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
serve() { # PORT TTFT_MS TPOT_MS
  taskset -c "$SIM_CPU" $tc serve --simulate --ttft-ms "$2" --tpot-ms "$3" --port "$1" >"$work/serve$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/v1/models" && return; sleep 0.2; done
}
ctx() { # total context switches of every thread of PID
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s + 0}'
}
timed() { /usr/bin/time -f "%U %S %M %w %c" -o "$work/time" taskset -c "$CLIENT_CPU" "$@"; read -r u s m w c <"$work/time"; }
p1=$((18000 + RANDOM % 900)); p2=$((p1 + 1))
serve $p1 100 10
serve $p2 6000 10
echo "client-cost: $(nproc) CPUs, simulator on CPU $SIM_CPU, client on CPU $CLIENT_CPU, $(date -u +%FT%TZ), load $(load)"

# 1. CPU, memory and context switches of the same closed-loop run (N requests, C streams, 20 tokens each).
args=(--backend openai-compatible --base-url "http://127.0.0.1:$p1/v1" --model sim --prompt hi --max-tokens 20)
timed $tc run "${args[@]}" --requests "$N" --concurrency "$C" --warmup "$C" --db "$work/a.db" --json >/dev/null 2>&1
tc_cpu=$(echo "$u + $s" | bc); echo "tokenclock run $N requests x $C streams: CPU $tc_cpu s (user $u, sys $s), peak RSS $((m / 1024)) MB, ctx switches $((w + c)) (load $(load))"
timed $tc run --help >/dev/null 2>&1
echo "  of which process start (run --help alone): CPU $(echo "$u + $s" | bc) s, peak RSS $((m / 1024)) MB"
if [[ -n "$py" && -e "$py" ]]; then
  timed /usr/bin/python3 "$py" "http://127.0.0.1:$p1/v1" "$N" --concurrency "$C" --max-tokens 20 >/dev/null 2>&1
  py_cpu=$(echo "$u + $s" | bc); echo "python asyncio client, same run:       CPU $py_cpu s (user $u, sys $s), peak RSS $((m / 1024)) MB, ctx switches $((w + c))"
  echo "CPU ratio tokenclock / python: $(echo "scale=2; $tc_cpu / $py_cpu" | bc) (target <= 0.5)"
fi

# 2. Context switches per second while idle-waiting (a 6 s TTFT, sampled for 2 s in the middle of it).
taskset -c "$CLIENT_CPU" $tc run --backend openai-compatible --base-url "http://127.0.0.1:$p2/v1" --model sim --prompt hi \
  --max-tokens 2 --requests 1 --db "$work/b.db" --json >/dev/null 2>&1 & pid=$!; pids+=($pid)
for _ in $(seq 50); do sqlite3 "$work/b.db" "select count(*) from requests" 2>/dev/null | grep -q . && break; sleep 0.1; done
sleep 1.5; a=$(ctx $pid); sleep 2; b=$(ctx $pid); wait $pid || true
echo "idle-waiting context switches: $(( (b - a) / 2 ))/s (target <= 200)"

# 3. Cold start: the first measured request of a fresh process with --warmup 0, REPEAT times. Truth from the
#    simulator's published schedule (found by the request's seed): client-added error = measured TTFT - true TTFT.
REPEAT=${REPEAT:-5}; errs=()
for i in $(seq "$REPEAT"); do
  seed=$((900000 + RANDOM * 8 + i))
  taskset -c "$CLIENT_CPU" $tc run "${args[@]}" --requests 1 --warmup 0 --seed "$seed" --db "$work/c$i.db" --json >/dev/null 2>&1
  measured=$(sqlite3 "$work/c$i.db" "select printf('%.3f', (first_token_ns-sent_ns)/1e6) from requests where idx = 0")
  truth=$(curl -s "http://127.0.0.1:$p1/tokenclock/schedule/seed/$seed" | jq '.first_token_ms')
  errs+=("$(echo "$measured - $truth" | bc -l | xargs printf '%.2f')")
done
sorted=$(printf '%s\n' "${errs[@]}" | sort -g)
echo "first measured request, --warmup 0, fresh process x$REPEAT: client-added TTFT error median $(echo "$sorted" | sed -n "$(( (REPEAT + 1) / 2 ))p") ms, worst $(echo "$sorted" | tail -1) ms (all: ${errs[*]}) (target <= 2 ms; load $(load))"

# 4. One-shot summarize, stuff, cold process, REPEAT times: first_visible (from command start) minus the server's
#    100 ms TTFT.
python3 -c "print(' '.join(['latency tokens stream the server client measured words'] * 150))" >"$work/doc.txt"
adds=()
for i in $(seq "$REPEAT"); do
  fv=$(taskset -c "$CLIENT_CPU" $tc summarize "$work/doc.txt" --backend openai-compatible --base-url "http://127.0.0.1:$p1/v1" --model sim \
    --strategy stuff --db "$work/s.db" --json 2>/dev/null | jq '.first_visible_ms')
  adds+=("$(echo "$fv - 100" | bc -l | xargs printf '%.1f')")
done
sorted=$(printf '%s\n' "${adds[@]}" | sort -g)
echo "summarize one-shot (stuff) x$REPEAT: added over the 100 ms TTFT median $(echo "$sorted" | sed -n "$(( (REPEAT + 1) / 2 ))p") ms, worst $(echo "$sorted" | tail -1) ms (all: ${adds[*]}) (target <= 50 ms; load $(load))"

# 5. P2: open-loop send error at 500 req/s (constant arrivals, 6 s).
taskset -c "$CLIENT_CPU" $tc run "${args[@]}" --max-tokens 8 --rate 500 --arrival constant --requests 3000 --warmup 20 \
  --db "$work/r.db" --json 2>/dev/null | jq -r '.series[0].metrics | "open loop 500/s: |sent - scheduled| p50 \(.queue_delay_ms.p50) ms, p99 \(.queue_delay_ms.p99) ms, max \(.queue_delay_ms.max) ms (target p99 <= 2 ms)"'
echo "load $(load)"
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=()

# 6. P1: client-added TTFT error at 100 and 1,000 streams, truth from the simulator's published schedule.
if [[ ! -e ${bench#dotnet } ]]; then echo "P1 skipped: build bench/TokenClock.Benchmarks -c Release first"; exit 0; fi
TOKENCLOCK_SIM_CPUS=$SIM_CPU taskset -c "$CLIENT_CPU" $bench client-overhead --streams 100,1000 --ttft-ms 300 --tpot-ms 25 \
  | sed 's/$/  (targets: p99 <= 1 ms at 100, <= 5 ms at 1000)/;1s/  (targets.*//;2s/  (targets.*//'
echo "done, load $(load)"
