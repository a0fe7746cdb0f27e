#!/bin/bash
# The HF transformers path measured by TokenClock: start hf_openai_server.py with SHAPE, then `tokenclock run`
# sequential and closed loop 4 (requests queue: one generate() at a time). Usage: hf_sweep.sh SHAPE N
# Env: TC, RES, DB; PORT (8091), PT (512), MT (128). DRY_RUN=1 prints the commands only.
set -u
shape=$1; n=$2; port=${PORT:-8091}; pt=${PT:-512}; mt=${MT:-128}
here=$(cd "$(dirname "$0")" && pwd)
run() { echo "+ $*" >&2; [ "${DRY_RUN:-0}" = 1 ] || "$@"; }
mkdir -p "$RES"
echo "+ python3 $here/hf_openai_server.py --shape $shape --port $port" >&2
if [ "${DRY_RUN:-0}" != 1 ]; then
  PYTHONUNBUFFERED=1 python3 "$here/hf_openai_server.py" --shape "$shape" --port "$port" > "$RES/hf-server-$shape.log" 2>&1 &
  srv=$!
  python3 -c "
import time, urllib.request, sys
for _ in range(720):
    try:
        urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1); sys.exit(0)
    except Exception: time.sleep(0.25)
sys.exit(1)" || { echo "hf server $shape not healthy"; tail -30 "$RES/hf-server-$shape.log"; kill $srv; exit 1; }
  head -3 "$RES/hf-server-$shape.log"
  curl -sN http://127.0.0.1:$port/v1/chat/completions -H 'Content-Type: application/json' \
    -d '{"model":"twin","stream":true,"max_tokens":4,"messages":[{"role":"user","content":"Hello there, general"}]}' | head -c 600; echo
fi
for spec in "seq|" "c4|--concurrency 4"; do
  name=${spec%%|*}; extra=${spec#*|}
  run "$TC" run --backend openai-compatible --base-url "http://127.0.0.1:$port/v1" --model twin --prompt-tokens "$pt" \
    --max-tokens "$mt" --ignore-eos --timeout 300s --requests "$n" --warmup 2 $extra --db "$DB" --name "hf-$shape-$name" --json \
    > "$RES/cell-hf-$shape-$name.json" 2> "$RES/cell-hf-$shape-$name.err"
  echo "hf-$shape-$name rc=$?"
done
if [ "${DRY_RUN:-0}" != 1 ]; then kill "$srv"; wait "$srv" 2>/dev/null; fi
