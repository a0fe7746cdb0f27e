#!/bin/bash
# llama-server (continuous batching, N parallel slots) measured by `tokenclock run` over HTTP on loopback.
# Usage: serve_sweep.sh MODEL LABEL PLAN [extra llama-server flags...]
#   PLAN full:  sequential, closed loop 1/2/4/8/16/32, open loop at 25/50/75% of the c=32 throughput, summarize
#   PLAN trap:  sequential and closed loop 4 only (for the --cache-ram comparison)
#   PLAN sweep: as full without the summarize cell
#   PLAN study: the summarize workload only, sequential (the study's latency-vs-output-length curve)
# Env: TC, BIN, RES, DB; NP (slots, default 32), CTX (default 65536), PORT (default 8090), PT (prompt tokens, 512),
# BACKEND (tokenclock backend kind, openai-compatible; openai-completions avoids the chat parser), EXTRA_BODY (a JSON
# file sent with every request via --extra-body, e.g. the logit_bias ban from twin_bad_tokens.py), MT (max tokens, 128), SEED (first prompt seed, 100), SW (summary words, 50,150,400), SN (summarize requests, 9).
# Every synthetic cell gets its own prompt seed (--workload-option prompt_seed), so no cell repeats a prompt another
# cell left in a slot's cache (the 2026-12-01 sweep measured cached prompts at c=1). DRY_RUN=1 prints the commands only.
set -u
model=$1; label=$2; plan=$3; shift 3
np=${NP:-32}; ctx=${CTX:-65536}; port=${PORT:-8090}; pt=${PT:-512}; mt=${MT:-128}; seed=${SEED:-100}
run() { echo "+ $*" >&2; [ "${DRY_RUN:-0}" = 1 ] || "$@"; }
extra=(); [ -n "${EXTRA_BODY:-}" ] && extra=(--extra-body "@$EXTRA_BODY")
url=http://127.0.0.1:$port/v1
mkdir -p "$RES"
echo "+ $BIN/llama-server -m $model -ngl 99 -np $np -c $ctx -fa on --host 127.0.0.1 --port $port -a twin $*"
if [ "${DRY_RUN:-0}" != 1 ]; then
  "$BIN/llama-server" -m "$model" -ngl 99 -np "$np" -c "$ctx" -fa on --host 127.0.0.1 --port "$port" -a twin "$@" \
    > "$RES/server-$label.log" 2>&1 &
  srv=$!
  python3 -c "
import time, urllib.request, sys
for _ in range(480):
    try:
        urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1); sys.exit(0)
    except Exception: time.sleep(0.25)
sys.exit(1)" || { echo "server $label did not become healthy"; tail -20 "$RES/server-$label.log"; }
fi
cell() { # name, extra tokenclock flags...
  local name=$1; shift
  seed=$((seed + 1))
  run "$TC" run --backend "${BACKEND:-openai-compatible}" --base-url "$url" --model twin --prompt-tokens "$pt" --max-tokens "$mt" \
    --workload-option "prompt_seed=$seed" \
    --ignore-eos "${extra[@]}" --timeout 120s --db "$DB" --name "$label-$name" --json "$@" > "$RES/cell-$label-$name.json" 2> "$RES/cell-$label-$name.err"
  echo "$label-$name rc=$?"
}
[ "$plan" = study ] || cell seq --requests 20 --warmup 3
if [ "$plan" = study ]; then
  run "$TC" run --backend "${BACKEND:-openai-compatible}" --base-url "$url" --model twin --workload summarize --summary-words "${SW:-50,150,400}" \
    --ignore-eos "${extra[@]}" --requests "${SN:-9}" --warmup 2 --timeout 120s --db "$DB" --name "$label-study" --json > "$RES/cell-$label-study.json" 2> "$RES/cell-$label-study.err"
  echo "$label-study rc=$?"
elif [ "$plan" = trap ]; then
  cell c4 --concurrency 4 --requests 24 --warmup 4
else
  for c in 1 2 4 8 16 32; do n=$(( c * 4 < 16 ? 16 : c * 4 )); cell "c$c" --concurrency "$c" --requests "$n" --warmup "$c"; done
  rps=$(python3 -c "import json,sys;d=json.load(open(sys.argv[1]));print(d['series'][0]['throughput']['requests_per_s'])" "$RES/cell-$label-c32.json" 2>/dev/null || echo 4)
  for f in 0.25 0.5 0.75; do
    r=$(python3 -c "print(round($rps*$f,2))")
    cell "rate$f" --rate "$r" --arrival poisson --seed 7 --requests "$(python3 -c "print(max(20,int($rps*$f*20)))")"
  done
  if [ "$plan" != sweep ]; then
    run "$TC" run --backend "${BACKEND:-openai-compatible}" --base-url "$url" --model twin --workload summarize --summary-words "${SW:-50,150,400}" \
      --ignore-eos "${extra[@]}" --requests "${SN:-9}" --timeout 120s --db "$DB" --name "$label-summarize" --json > "$RES/cell-$label-summarize.json" 2> "$RES/cell-$label-summarize.err"
    echo "$label-summarize rc=$?"
  fi
fi
if [ "${DRY_RUN:-0}" != 1 ]; then kill "$srv"; wait "$srv" 2>/dev/null; fi
