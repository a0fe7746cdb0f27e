#!/usr/bin/env python3
"""Measure HF-transformers prefill and decode latency for llama-family shapes.

Random fp16 weights built directly on the GPU (latency depends on shapes, not weight values).
Batch 1 unless stated. Writes one JSON document, rewritten after every measurement so a failure
part-way keeps what was measured. Usage: python3 gpu_measure.py OUT_DIR
Env: TC_ATTN (eager, the default, sdpa or flash_attention_2), TC_SHAPES (comma-separated names; all by default),
TC_PROMPTS, TC_CONTEXTS, TC_BATCHES, TC_BATCH_CONTEXT (lengths), TC_GENERATE (1: also time generate() per token,
by differencing two output lengths, with the dynamic and the static cache), TC_OUT_NAME (file name).
"""
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback

import torch
import transformers

# name, layers, hidden, heads, kv_heads, ffn, vocab, family (mirrors ShapeCatalog in TokenClock.Prediction)
SHAPES = [
    ("micro-smoke", 2, 256, 4, 4, 768, 1000, "llama"),
    ("tinyllama-1.1b", 22, 2048, 32, 4, 5632, 32000, "llama"),
    ("llama-2-7b", 32, 4096, 32, 32, 11008, 32000, "llama"),
    ("mistral-7b", 32, 4096, 32, 8, 14336, 32000, "mistral"),
    ("llama-3-8b", 32, 4096, 32, 8, 14336, 128256, "llama"),
    ("llama-2-13b", 40, 5120, 40, 40, 13824, 32000, "llama"),
]
def _ints(name, default):
    raw = os.environ.get(name)
    return [int(x) for x in raw.split(",")] if raw else default


# Lengths can be changed per run (the second committed data set used the TC_* variables; see its "method").
PROMPTS = _ints("TC_PROMPTS", [128, 512, 2048])
DECODE_CONTEXTS = _ints("TC_CONTEXTS", [128, 1024, 2048])
DECODE_STEPS = 24
PREFILL_REPEATS = 5
DECODE_BATCHES = _ints("TC_BATCHES", [4])  # extra: batch effect on decode at BATCH_CONTEXT
BATCH_CONTEXT = _ints("TC_BATCH_CONTEXT", [512])[0]
ATTN = os.environ.get("TC_ATTN", "eager")
ONLY = [x for x in os.environ.get("TC_SHAPES", "").split(",") if x]
GENERATE = os.environ.get("TC_GENERATE", "0") == "1"
GEN_PROMPT = 128
GEN_SHORT, GEN_LONG = 16, 80  # per-token cost = (t(80) - t(16)) / 64: prefill and set-up cancel out


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def sync():
    torch.cuda.synchronize()


def build(name, layers, hidden, heads, kv, ffn, vocab, family):
    common = dict(vocab_size=vocab, hidden_size=hidden, intermediate_size=ffn, num_hidden_layers=layers,
                  num_attention_heads=heads, num_key_value_heads=kv, max_position_embeddings=8192,
                  tie_word_embeddings=False)
    if family == "mistral":
        cfg = transformers.MistralConfig(sliding_window=4096, **common)
        cls = transformers.MistralForCausalLM
    else:
        cfg = transformers.LlamaConfig(**common)
        cls = transformers.LlamaForCausalLM
    cfg._attn_implementation = ATTN
    torch.set_default_dtype(torch.float16)
    try:
        with torch.device("cuda"):
            model = cls(cfg)
    finally:
        torch.set_default_dtype(torch.float32)
    model = model.to(device="cuda", dtype=torch.float16).eval()
    return model, cfg


def rand_ids(vocab, batch, n):
    return torch.randint(0, vocab, (batch, n), device="cuda")


def time_prefill(model, vocab, n):
    ids = rand_ids(vocab, 1, n)
    model(input_ids=ids, use_cache=True)  # warm-up at this length
    sync()
    times = []
    for _ in range(PREFILL_REPEATS):
        torch.cuda.reset_peak_memory_stats()
        sync()
        t0 = time.perf_counter()
        out = model(input_ids=ids, use_cache=True)
        sync()
        times.append((time.perf_counter() - t0) * 1000)
        del out
    return times, torch.cuda.max_memory_allocated()


def time_decode(model, vocab, batch, ctx):
    ids = rand_ids(vocab, batch, ctx)
    out = model(input_ids=ids, use_cache=True)
    pkv = out.past_key_values
    nxt = rand_ids(vocab, batch, 1)
    times = []
    for _ in range(DECODE_STEPS):
        sync()
        t0 = time.perf_counter()
        out = model(input_ids=nxt, past_key_values=pkv, use_cache=True)
        sync()
        times.append((time.perf_counter() - t0) * 1000)
        pkv = out.past_key_values
    del out, pkv
    return times


def time_generate(model, vocab, new_tokens, cache):
    """Wall ms of greedy generate() producing exactly new_tokens after a GEN_PROMPT-token prompt (median of 3)."""
    ids = rand_ids(vocab, 1, GEN_PROMPT)
    kw = dict(max_new_tokens=new_tokens, min_new_tokens=new_tokens, do_sample=False, pad_token_id=0)
    if cache == "static":
        kw["cache_implementation"] = "static"
    model.generate(ids, **kw)  # warm-up (the static cache allocates here)
    times = []
    for _ in range(3):
        sync()
        t0 = time.perf_counter()
        out = model.generate(ids, **kw)
        sync()
        times.append((time.perf_counter() - t0) * 1000)
        if out.shape[1] != GEN_PROMPT + new_tokens:
            raise RuntimeError(f"generate made {out.shape[1] - GEN_PROMPT} tokens, not {new_tokens}")
    return times


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("OUT", ".")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, os.environ.get("TC_OUT_NAME", "gpu-measurements.json"))
    props = torch.cuda.get_device_properties(0)
    try:
        smi = subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total,driver_version,clocks.max.sm",
                              "--format=csv,noheader"], capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception as e:  # noqa: BLE001 - provenance only
        smi = f"nvidia-smi failed: {e}"
    doc = {
        "schema": "tokenclock.gpu-measurements/1",
        "engine": {"eager": "hf-eager", "sdpa": "hf-sdpa", "flash_attention_2": "hf-flash"}.get(ATTN, "hf-" + ATTN),
        "attn_implementation": ATTN,
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "card": torch.cuda.get_device_name(0),
        "card_memory_bytes": props.total_memory,
        "multiprocessors": props.multi_processor_count,
        "nvidia_smi": smi,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "transformers": transformers.__version__,
        "python": platform.python_version(),
        "method": (f"random fp16 weights on GPU, attn_implementation={ATTN}, batch 1 unless 'batch' says otherwise; "
                   f"prefill: model(input_ids) over the whole prompt incl. logits for all positions, 1 warm-up + "
                   f"median of {PREFILL_REPEATS}; decode: after prefilling 'context' tokens, {DECODE_STEPS} single-token "
                   "steps with past_key_values, cuda.synchronize around each, median ms/step"
                   + (f"; generate (phase 'generate', not a forward step): greedy generate() of exactly {GEN_SHORT} and "
                      f"{GEN_LONG} tokens after a {GEN_PROMPT}-token prompt, median of 3 each, ms/token = difference / "
                      f"{GEN_LONG - GEN_SHORT}, with the dynamic and the static cache (no torch.compile)" if GENERATE else "")),
        "script": "scripts/gpu/gpu_measure.py",
        "lengths": {"prompts": PROMPTS, "decode_contexts": DECODE_CONTEXTS, "decode_batches": DECODE_BATCHES,
                    "batch_context": BATCH_CONTEXT},
        "ceilings": {},
        "measurements": [],
        "errors": [],
    }

    def save():
        with open(path + ".tmp", "w") as f:
            json.dump(doc, f, indent=1)
        os.replace(path + ".tmp", path)

    # Ceilings of this card: fp16 matmul rate and device copy bandwidth (for the hardware catalog comparison).
    try:
        a = torch.randn(8192, 8192, device="cuda", dtype=torch.float16)
        b = torch.randn(8192, 8192, device="cuda", dtype=torch.float16)
        for _ in range(3):
            a @ b
        sync()
        t0 = time.perf_counter()
        for _ in range(10):
            a @ b
        sync()
        dt = (time.perf_counter() - t0) / 10
        doc["ceilings"]["fp16_matmul_tflops"] = 2 * 8192 ** 3 / dt / 1e12
        del a, b
        x = torch.empty(2 * 1024 ** 3, dtype=torch.uint8, device="cuda")
        y = torch.empty_like(x)
        y.copy_(x)
        sync()
        t0 = time.perf_counter()
        for _ in range(10):
            y.copy_(x)
        sync()
        dt = (time.perf_counter() - t0) / 10
        doc["ceilings"]["copy_gbps_read_plus_write"] = 2 * x.numel() / dt / 1e9
        del x, y
        torch.cuda.empty_cache()
        log(f"ceilings {doc['ceilings']}")
    except Exception as e:  # noqa: BLE001
        doc["errors"].append({"shape": "ceilings", "error": repr(e)})
    save()

    for shape in [x for x in SHAPES if not ONLY or x[0] in ONLY]:
        name, layers, hidden, heads, kv, ffn, vocab, family = shape
        log(f"shape {name}")
        model = None
        try:
            t0 = time.perf_counter()
            model, cfg = build(*shape)  # outside inference_mode: weight init runs in-place ops
            sync()
            with torch.inference_mode():
                weights = sum(p.numel() * p.element_size() for p in model.parameters())
                params = sum(p.numel() for p in model.parameters())
                log(f"  built in {time.perf_counter() - t0:.1f}s params={params} attn={getattr(cfg, '_attn_implementation', '?')}")
                model(input_ids=rand_ids(vocab, 1, 64), use_cache=True)  # first-call warm-up
                sync()
                for n in PROMPTS:
                    try:
                        times, peak = time_prefill(model, vocab, n)
                        doc["measurements"].append({"shape": name, "phase": "prefill", "batch": 1, "prompt": n,
                                                    "ms_median": statistics.median(times), "ms_samples": times,
                                                    "peak_allocated_bytes": peak, "weight_bytes": weights,
                                                    "parameters": params})
                        log(f"  prefill {n}: {statistics.median(times):.2f} ms")
                    except Exception as e:  # noqa: BLE001
                        doc["errors"].append({"shape": name, "phase": "prefill", "prompt": n, "error": repr(e)})
                        log(f"  prefill {n} failed: {e!r}")
                    save()
                runs = [(1, c) for c in DECODE_CONTEXTS] + [(b, BATCH_CONTEXT) for b in DECODE_BATCHES]
                for batch, ctx in runs:
                    try:
                        times = time_decode(model, vocab, batch, ctx)
                        doc["measurements"].append({"shape": name, "phase": "decode", "batch": batch, "context": ctx,
                                                    "steps": DECODE_STEPS, "ms_median": statistics.median(times),
                                                    "ms_samples": times, "weight_bytes": weights,
                                                    "parameters": params})
                        log(f"  decode b={batch} ctx={ctx}: {statistics.median(times):.2f} ms/token")
                    except Exception as e:  # noqa: BLE001
                        doc["errors"].append({"shape": name, "phase": "decode", "batch": batch, "context": ctx,
                                              "error": repr(e)})
                        log(f"  decode b={batch} ctx={ctx} failed: {e!r}")
                    save()
                for cache in (["dynamic", "static"] if GENERATE else []):
                    try:
                        short = time_generate(model, vocab, GEN_SHORT, cache)
                        long = time_generate(model, vocab, GEN_LONG, cache)
                        per_token = (statistics.median(long) - statistics.median(short)) / (GEN_LONG - GEN_SHORT)
                        doc["measurements"].append({"shape": name, "phase": "generate", "cache": cache, "batch": 1,
                                                    "prompt": GEN_PROMPT, "short": GEN_SHORT, "long": GEN_LONG,
                                                    "ms_per_token": per_token, "short_ms_samples": short,
                                                    "long_ms_samples": long, "weight_bytes": weights,
                                                    "parameters": params})
                        log(f"  generate {cache}: {per_token:.2f} ms/token")
                    except Exception as e:  # noqa: BLE001
                        doc["errors"].append({"shape": name, "phase": "generate", "cache": cache, "error": repr(e)})
                        log(f"  generate {cache} failed: {e!r}")
                    save()
        except Exception as e:  # noqa: BLE001
            doc["errors"].append({"shape": name, "error": repr(e), "trace": traceback.format_exc()[-2000:]})
            log(f"  shape {name} failed: {e!r}")
            save()
        finally:
            del model
            gc.collect()
            torch.cuda.empty_cache()
    save()
    log(f"done: {len(doc['measurements'])} measurements, {len(doc['errors'])} errors -> {path}")


if __name__ == "__main__":
    main()
