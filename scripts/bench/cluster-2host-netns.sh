#!/usr/bin/env bash
# Issue 14: a run across two "hosts" simulated with Linux network namespaces on one machine. Host A holds the
# coordinator (`tokenclock run --cluster postgres:...`) and the PostgreSQL membership table; host B holds WORKERS
# `tokenclock worker`s (advertising B's address) and the server under test (`serve --simulate`, on B's own loopback,
# as a GPU server sits next to its load generators). A and B share only a veth pair on a private /24, with DELAY_MS
# of netem delay each way, so every coordinator <-> worker message (planning, clock probes, record batches) crosses
# a network with a round trip of 2 x DELAY_MS. Both namespaces share one kernel clock: the measured clock offsets
# test the probe, not real skew. Prints the run's merge check (stored = planned), per-worker clock offset, round
# trip and lost count, the send error, and the load average. Bounded: RATE x SECS requests. Needs root, iproute2
# (ip, tc), a Release build of src/TokenClock.Cli (or TC=...), PostgreSQL (/usr/lib/postgresql), jq, curl.
# Usage: sudo scripts/bench/cluster-2host-netns.sh   (env: RATE=100 SECS=10 WORKERS=2 DELAY_MS=0.25 TTFT=50 TPOT=5 TOKENS=8)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "needs root: network namespaces" >&2; exit 2; }
RATE=${RATE:-100}; SECS=${SECS:-10}; WORKERS=${WORKERS:-2}; DELAY_MS=${DELAY_MS:-0.25}
TTFT=${TTFT:-50}; TPOT=${TPOT:-5}; TOKENS=${TOKENS:-8}
(( RATE * SECS <= 20000 )) || { echo "RATE x SECS = $((RATE * SECS)) requests; keep it <= 20000 (bounded load)" >&2; exit 2; }
tok=${TC:-"dotnet $PWD/src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"}
id=$$; A=tcA$id; B=tcB$id; net=10.231.$((id % 200)); ipa=$net.1; ipb=$net.2
work=$(mktemp -d); chmod 755 "$work"; pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # A worker leaves the cluster within its 10 s stop limit; anything still there after 12 s is killed.
  for _ in $(seq 24); do alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done; (( alive )) || break; sleep 0.5; done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  ip netns exec "$A" runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT
inA() { ip netns exec "$A" "$@"; }
inB() { ip netns exec "$B" "$@"; }

ip netns add "$A"; ip netns add "$B"
ip link add "va$id" type veth peer name "vb$id"
ip link set "va$id" netns "$A"; ip link set "vb$id" netns "$B"
ip -n "$A" addr add "$ipa/24" dev "va$id"; ip -n "$B" addr add "$ipb/24" dev "vb$id"
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" link set "va$id" up; ip -n "$B" link set "vb$id" up
if [ "$DELAY_MS" != 0 ]; then
  # netem is a kernel module; a kernel without it still gives two hosts, only without the added delay.
  if ! { inA tc qdisc add dev "va$id" root netem delay "${DELAY_MS}ms" && inB tc qdisc add dev "vb$id" root netem delay "${DELAY_MS}ms"; } 2>"$work/tc.err"; then
    echo "note: netem unavailable ($(head -1 "$work/tc.err")); running without added delay" >&2; DELAY_MS=0
  fi
fi
echo "cluster-2host-netns: $(nproc) CPUs, A=$ipa (coordinator, PostgreSQL) B=$ipb ($WORKERS workers, simulator), netem ${DELAY_MS} ms each way, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"

pgport=55433
conn_a=$(inA env LISTEN="127.0.0.1,$ipa" TRUST_NET="$net.0/24" bash scripts/cluster/postgres-up.sh "$work/pg" "$pgport")
conn_b="Host=$ipa;Port=$pgport;Username=postgres;Database=tokenclock"

simport=$((20000 + RANDOM % 20000))
# Started by `ip netns exec` itself (not a shell function) so that $! is the process that becomes tokenclock.
ip netns exec "$B" $tok serve --simulate --ttft-ms "$TTFT" --tpot-ms "$TPOT" --port "$simport" >"$work/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 150); do inB curl -s -o /dev/null "http://127.0.0.1:$simport/v1/models" && break; sleep 0.2; done

for i in $(seq 0 $((WORKERS - 1))); do
  ip netns exec "$B" $tok worker --cluster "postgres:$conn_b" --advertise "$ipb" --name "b$i" --silo-port $((11111 + i)) --gateway-port $((30000 + i)) \
    >"$work/w$i.out" 2>"$work/w$i.err" &
  pids+=($!)
done
for i in $(seq 0 $((WORKERS - 1))); do
  for _ in $(seq 300); do grep -q " ready: " "$work/w$i.out" 2>/dev/null && break; sleep 0.2; done
  grep -q " ready: " "$work/w$i.out" || { echo "worker b$i not ready: $(tail -5 "$work/w$i.err")" >&2; exit 1; }
done

out=$work/run.json
inA $tok run --backend openai-compatible --base-url "http://127.0.0.1:$simport/v1" --model sim --prompt "Summarize: x" \
  --max-tokens "$TOKENS" --rate "$RATE" --arrival constant --requests $((RATE * SECS)) --warmup 20 \
  --cluster "postgres:$conn_a" --min-workers "$WORKERS" --db "$work/run.db" --json >"$out" 2>"$work/coord.err" \
  || { echo "cluster run failed: $(tail -8 "$work/coord.err")" >&2; exit 1; }
planned=$((RATE * SECS + 20))
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from requests').fetchone()[0])" "$work/run.db")
echo "merge: stored $stored request records of $planned planned (measured + warm-up)"
jq -r '.series[0] | "send error p50 \(.metrics.queue_delay_ms.p50) ms, p99 \(.metrics.queue_delay_ms.p99) ms; n=\(.requests) ok=\(.succeeded)"' "$out"
jq -r '.workers[] | "worker \(.worker) at \(.silo): clock offset \(.clock_offset_ms) ms, rtt \(.clock_rtt_ms) ms, planned \(.planned), received \(.received), lost \(.lost), \(.ended)"' "$out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
