#!/bin/bash
# Record where GPU figures came from: device, driver, CUDA, CPU, llama.cpp build tag, date. Usage: provenance.sh OUT.json [BUILD_TAG]
set -u
out=$1; tag=${2:-b9585}
gpu=$(nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm,power.limit --format=csv,noheader 2>/dev/null | head -1)
nvcc_v=$(nvcc --version 2>/dev/null | grep -o 'release [0-9.]*' | head -1)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
python3 - "$out" "$gpu" "$nvcc_v" "$cpu" "$tag" <<'PY'
import json, sys, datetime, os, platform
out, gpu, nvcc, cpu, tag = sys.argv[1:6]
parts = [p.strip() for p in gpu.split(",")] if gpu else []
keys = ["gpu", "gpu_memory", "driver", "sm_clock_max", "power_limit"]
doc = dict(zip(keys, parts))
doc.update(nvcc=nvcc, cpu=cpu, cpu_count=os.cpu_count(), kernel=platform.release(),
           llama_cpp_tag=tag, llama_cpp_source="unslothai/llama.cpp snapshot, upstream tag " + tag,
           date_utc=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))
json.dump(doc, open(out, "w"), indent=1)
print(json.dumps(doc))
PY
