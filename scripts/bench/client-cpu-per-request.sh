#!/usr/bin/env bash
# Issue 9 §5, the client's CPU split into a fixed start-up part and a per-request part: `tokenclock run` (and, when
# given, a Python asyncio streaming client) against the simulator, N requests x 10 streams x 20 tokens, the client
# pinned to CPU $CLIENT_CPU and the simulator to CPU $SIM_CPU. CPU = user + sys from GNU time (robust to other load,
# not immune to it: the load average is printed with every figure).
#   per-request ms = (run CPU - start CPU) / N, start CPU = `run --help` alone (median of 3).
# Usage: [SIZES="300 3000"] [REPEAT=1] scripts/bench/client-cpu-per-request.sh [PY_CLIENT]
#   PY_CLIENT takes "BASE_URL N --concurrency C --max-tokens M" (not in the repo; see docs/benchmarks.md).
# Needs a Release build of src/TokenClock.Cli and GNU time. TC_DLL=PATH measures another build's tokenclock.dll (the
# simulator stays this checkout's), so a before and an after build can be run interleaved.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIM_CPU=${SIM_CPU:-0}; CLIENT_CPU=${CLIENT_CPU:-1}; C=${C:-10}; SIZES=${SIZES:-300 3000}; REPEAT=${REPEAT:-1}
py=${1:-}
tc="dotnet src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll"
client="dotnet ${TC_DLL:-src/TokenClock.Cli/bin/Release/net10.0/linux-x64/tokenclock.dll}"
work=$(mktemp -d); sim=""
trap '[[ -n "$sim" ]] && kill "$sim" 2>/dev/null; rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu() { /usr/bin/time -f "%U %S %M %w %c" -o "$work/t" taskset -c "$CLIENT_CPU" "$@" >/dev/null 2>&1
        read -r u s m w c <"$work/t"; echo "$(echo "$u + $s" | bc) $((m / 1024)) $((w + c))"; }
port=$((18000 + RANDOM % 900))
taskset -c "$SIM_CPU" $tc serve --simulate --ttft-ms 100 --tpot-ms 10 --port "$port" >"$work/serve.log" 2>&1 & sim=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/v1/models" && break; sleep 0.2; done
echo "client-cpu-per-request: ${TC_DLL:-the checkout build}, $(nproc) CPUs, client on CPU $CLIENT_CPU, simulator on CPU $SIM_CPU, $(date -u +%FT%TZ), load $(load)"
starts=$(for _ in 1 2 3; do cpu $client run --help | cut -d' ' -f1; done | sort -g)
start=$(echo "$starts" | sed -n 2p)
echo "start (run --help): CPU $start s (median of: $(echo $starts))"
for n in $SIZES; do
  for r in $(seq "$REPEAT"); do
    read -r t m x < <(cpu $client run --backend openai-compatible --base-url "http://127.0.0.1:$port/v1" --model sim --prompt hi \
      --max-tokens 20 --requests "$n" --concurrency "$C" --warmup "$C" --db "$work/r$n-$r.db" --json)
    line="tokenclock N=$n: CPU $t s, $(echo "scale=2; ($t - $start) * 1000 / $n" | bc) ms/request after start, peak RSS $m MB, $x context switches"
    if [[ -n "$py" && -e "$py" ]]; then
      read -r pt pm px < <(cpu /usr/bin/python3 "$py" "http://127.0.0.1:$port/v1" "$n" --concurrency "$C" --max-tokens 20)
      line="$line | python: CPU $pt s, $(echo "scale=2; $pt * 1000 / $n" | bc) ms/request (its start included), $pm MB | ratio $(echo "scale=2; $t / $pt" | bc) (target <= 0.5)"
    fi
    echo "$line (load $(load))"
  done
done
