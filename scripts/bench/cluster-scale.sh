#!/usr/bin/env bash
# Issue 14 performance: the same open-loop load from 1 process and from a cluster of `tokenclock worker`s, against
# `tokenclock serve --simulate` pinned to CPU $SIM_CPU. Per scenario: open-loop send error p99 (|sent - scheduled|,
# queue_delay_ms of the stored run), client-added TTFT error p99 (measured TTFT minus the simulator's published
# true TTFT, paired by scripts/bench/ttft_truth.py), CPU seconds of the measuring process(es) from /proc, and for a
# cluster the coordinator's CPU during the measured window (per 1,000 req/s merged). Load average with each line.
# Scenarios: 1 process at RATE/4 and at RATE (pinned to CPU $CLIENT_CPU); WORKERS_PINNED workers pinned one per CPU
# (cpu i mod nproc); WORKERS_UNPINNED workers unpinned. The coordinator is never pinned. A fresh simulator per
# scenario (its schedule ids must be that run's requests). Loopback only; bounded: RATE x SECS requests per run.
# Usage: scripts/bench/cluster-scale.sh   (env: TC (a tokenclock command, e.g. a published binary), WORKER_CPU0 (first
# CPU of the pinned workers, default 0), SCENARIOS="quarter single pinned unpinned" RATE=400 SECS=6 WARM=2 TTFT=50 TPOT=5 TOKENS=8 WORKERS_PINNED=2 WORKERS_UNPINNED=4)
# The coordinator's CPU is read from /proc/PID/stat every 0.1 s; its steady-state window is [start + WARM, start + SECS].
# Needs a Release build of src/TokenClock.Cli, jq, python3 (sqlite3 module), taskset, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-400}; SECS=${SECS:-6}; WARM=${WARM:-2}; TTFT=${TTFT:-50}; TPOT=${TPOT:-5}; TOKENS=${TOKENS:-8}
SIM_CPU=${SIM_CPU:-0}; CLIENT_CPU=${CLIENT_CPU:-1}; WORKER_CPU0=${WORKER_CPU0:-0}; WORKERS_PINNED=${WORKERS_PINNED:-2}; WORKERS_UNPINNED=${WORKERS_UNPINNED:-4}
(( RATE * SECS <= 20000 )) || { echo "RATE x SECS = $((RATE * SECS)) requests; keep it <= 20000 (bounded load)" >&2; exit 2; }
tc=${TC:-"dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"}
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
hz=$(getconf CLK_TCK)
cpu_s() { awk -v hz="$hz" '{ print ($14 + $15) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0; }
port() { echo $((20000 + RANDOM % 20000)); }

sim=""; sim_url=""
start_sim() {
  local p; p=$(port)
  taskset -c "$SIM_CPU" $tc serve --simulate --ttft-ms "$TTFT" --tpot-ms "$TPOT" --port "$p" >"$work/sim.log" 2>&1 &
  sim=$!; pids+=("$sim"); sim_url="http://127.0.0.1:$p"
  for _ in $(seq 150); do curl -s -o /dev/null "$sim_url/v1/models" && return; sleep 0.2; done
  echo "simulator did not start: $(cat "$work/sim.log")" >&2; exit 1
}
stop_sim() { kill "$sim" 2>/dev/null || true; wait "$sim" 2>/dev/null || true; }

args=()
run_args() { # RATE -> args
  args=(--backend openai-compatible --base-url "$sim_url/v1" --model sim --prompt "Summarize: x" --max-tokens "$TOKENS"
    --rate "$1" --arrival constant --requests $(( $1 * SECS )) --warmup 20 --json)
}

report() { # LABEL DB JSON EXTRA
  local id send truth
  id=$(jq -r '.run_id' "$3")
  send=$(jq -r '.series[0] | "n=\(.requests) ok=\(.succeeded) send_error_ms_p50=\(.metrics.queue_delay_ms.p50*1000|round/1000) send_error_ms_p99=\(.metrics.queue_delay_ms.p99*1000|round/1000)"' "$3")
  truth=$(python3 scripts/bench/ttft_truth.py "$2" "$id" "$sim_url")
  echo "$1: $send $truth $4 (load $(load))"
}

single() { # RATE
  start_sim
  local db="$work/single$1.db" out="$work/single$1.json"
  run_args "$1"
  taskset -c "$CLIENT_CPU" $tc run "${args[@]}" --db "$db" >"$out" 2>"$work/single.err" &
  local pid=$!; pids+=("$pid"); local cpu=0
  while kill -0 "$pid" 2>/dev/null; do cpu=$(cpu_s "$pid"); sleep 0.2; done
  wait "$pid" || { echo "single run failed: $(tail -5 "$work/single.err")" >&2; exit 1; }
  report "1 process pinned to CPU $CLIENT_CPU, $1 req/s" "$db" "$out" "process_cpu_s>=$cpu"
  stop_sim
}

cluster() { # WORKERS PINNED(0/1) RATE
  local n=$1 pinned=$2 rate=$3 wpids=() ports=() gw=() i
  for i in $(seq 0 $((2 * n - 1))); do ports+=($(( $(port) ))); done
  for i in $(seq 0 $((n - 1))); do
    local pin=(); (( pinned )) && pin=(taskset -c $(( (WORKER_CPU0 + i) % $(nproc) )))
    local extra=(); (( i > 0 )) && extra=(--primary-port "${ports[0]}")
    "${pin[@]}" $tc worker --cluster localhost --name "w$i" --silo-port "${ports[$i]}" --gateway-port "${ports[$((n + i))]}" \
      "${extra[@]}" >"$work/w$i.out" 2>"$work/w$i.err" &
    wpids+=($!); pids+=($!); gw+=("${ports[$((n + i))]}")
    for _ in $(seq 900); do grep -q " ready: " "$work/w$i.out" && break; sleep 0.2; done
    grep -q " ready: " "$work/w$i.out" || { echo "worker w$i not ready: $(tail -5 "$work/w$i.err")" >&2; exit 1; }
  done
  start_sim
  local db="$work/cluster$n$pinned.db" out="$work/cluster$n$pinned.json" err="$work/coord.err"
  run_args "$rate"
  $tc run "${args[@]}" --cluster "localhost:$(IFS=,; echo "${gw[*]}")" --min-workers "$n" --db "$db" >"$out" 2>"$err" &
  local pid=$!; pids+=("$pid")
  # Coordinator CPU sampled every 0.1 s; the measured window is [start instant, start + SECS] from its "started" line.
  : >"$work/cpu.log"
  while kill -0 "$pid" 2>/dev/null; do echo "$(date +%s.%N) $(cpu_s "$pid")" >>"$work/cpu.log"; sleep 0.1; done
  wait "$pid" || { echo "cluster run failed: $(tail -5 "$err")" >&2; exit 1; }
  local startline at t0 wcpu=0
  startline=$(grep -m1 "started on" "$err"); at=$(sed -E 's/.* at ([0-9:.]+) UTC.*/\1/' <<<"$startline")
  t0=$(date -u -d "$(date -u +%F) $at" +%s.%N)
  # Steady state: the first WARM seconds of the measured phase (JIT of the record path, first inserts) are left out.
  local window; window=$(awk -v t0="$t0" -v warm="$WARM" -v secs="$SECS" '
    $1 >= t0 + warm && !a { a = 1; t1 = $1; c1 = $2 } $1 <= t0 + secs { t2 = $1; c2 = $2 } END { if (a && t2 > t1) printf "%.3f %.3f", c2 - c1, t2 - t1; else print "0 0" }' "$work/cpu.log")
  local cpu=${window% *} span=${window#* } total; total=$(awk '$2 > m { m = $2 } END { print m + 0 }' "$work/cpu.log")
  local pct per1k; pct=$(awk -v c="$cpu" -v s="$span" 'BEGIN { printf "%.2f", (s > 0 ? 100 * c / s : 0) }')
  per1k=$(awk -v p="$pct" -v r="$rate" 'BEGIN { printf "%.2f", p * 1000 / r }')
  for i in $(seq 0 $((n - 1))); do wcpu=$(awk -v a="$wcpu" -v b="$(cpu_s "${wpids[$i]}")" 'BEGIN { print a + b }'); done
  local how="unpinned"; (( pinned )) && how="pinned one per CPU (cpu ($WORKER_CPU0 + i) mod $(nproc))"
  report "$n workers $how, $rate req/s" "$db" "$out" "coordinator_cpu_s=$cpu over ${span}s of the measured phase (after ${WARM}s) = ${pct}% of a core = ${per1k}% per 1000 req/s (whole coordinator process ${total}s CPU) workers_cpu_s=$wcpu lost=$(jq '[.workers[].lost] | add' "$out")"
  stop_sim
  for p in "${wpids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${wpids[@]}"; do wait "$p" 2>/dev/null || true; done
}

echo "cluster-scale: $(nproc) CPUs, simulator (ttft $TTFT ms, tpot $TPOT ms, $TOKENS tokens) on CPU $SIM_CPU, $(date -u +%FT%TZ), load $(load)"
for scenario in ${SCENARIOS:-quarter single pinned unpinned}; do
  case $scenario in
    quarter) single $(( RATE / 4 )) ;;
    single) single "$RATE" ;;
    pinned) cluster "$WORKERS_PINNED" 1 "$RATE" ;;
    unpinned) cluster "$WORKERS_UNPINNED" 0 "$RATE" ;;
    *) echo "SCENARIOS: '$scenario' is not one of quarter single pinned unpinned" >&2; exit 2 ;;
  esac
done
echo "done, load $(load)"
