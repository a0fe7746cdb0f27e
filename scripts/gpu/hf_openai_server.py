#!/usr/bin/env python3
"""A small streaming OpenAI-compatible chat server around Hugging Face `transformers` (its default attention),
serving a randomly initialised Llama-shaped model, so TokenClock can measure the HF path on a GPU with no weights.

One request generates at a time (model.generate holds a lock): plain transformers has no continuous batching,
so concurrent requests queue, as in the study's HF setup. Each request:
  - prompt: the chat messages' text, split into words/punctuation, each hashed to a token id (no tokenizer files
    exist offline; the count is close to, not equal to, a BPE count);
  - output: greedy decoding with model.generate and a streamer; each new token id is shown as one common English
    word, so a client's GPT-2 tokenizer counts about one token per piece;
  - the last chunk carries llama.cpp-style `timings` measured here (prompt_ms: generate() start to the first new
    token; predicted_ms: first to last token; queue_ms: waiting for the lock), and `usage` when asked.
Usage: hf_openai_server.py --shape tiny|llama-2-7b [--port 8091]
"""
import argparse
import json
import re
import threading
import time
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import torch
import transformers

SHAPES = {  # layers, hidden, heads, kv heads, ffn, vocab
    "tiny": (2, 256, 4, 4, 768, 32000),
    "llama-2-7b": (32, 4096, 32, 32, 11008, 32000),
    "llama-3-8b": (32, 4096, 32, 8, 14336, 128256),
}
WORDS = ("the of and to in is was for on that with as by at from his her they this which were are but not "
         "be had have one all their an been has more when who would there time so can into other about what "
         "some only these two may first then do any like my now over such our man me even most made after").split()
SPLIT = re.compile(r"\w+|[^\w\s]")


def build(shape):
    layers, hidden, heads, kv, ffn, vocab = SHAPES[shape]
    cfg = transformers.LlamaConfig(vocab_size=vocab, hidden_size=hidden, intermediate_size=ffn,
                                   num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=kv,
                                   max_position_embeddings=8192, tie_word_embeddings=False)
    torch.set_default_dtype(torch.float16)
    try:
        with torch.device("cuda"):
            model = transformers.LlamaForCausalLM(cfg)
    finally:
        torch.set_default_dtype(torch.float32)
    model = model.to(device="cuda", dtype=torch.float16).eval()
    return model, vocab


class Streamer:
    """transformers streamer: the first put() is the prompt, each later one a new token (already computed)."""

    def __init__(self, on_token):
        self._prompt_seen = False
        self._on_token = on_token

    def put(self, value):
        if not self._prompt_seen:
            self._prompt_seen = True
            return
        for tok in value.reshape(-1).tolist():  # .tolist() waits for the GPU: the instant is honest
            self._on_token(tok)

    def end(self):
        pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tc-hf/1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = b'{"status":"ok"}' if self.path.startswith("/health") else json.dumps(
            {"object": "list", "data": [{"id": "twin", "object": "model"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        app = self.server.app
        text = "\n".join(m.get("content") if isinstance(m.get("content"), str) else json.dumps(m.get("content"))
                         for m in req.get("messages", []))
        ids = [zlib.crc32(w.encode()) % (app.vocab - 2) + 2 for w in SPLIT.findall(text)] or [1]
        max_new = int(req.get("max_tokens") or req.get("max_completion_tokens") or 128)
        min_new = max_new if req.get("ignore_eos") else int(req.get("min_tokens") or 0)
        rid, created = "chatcmpl-" + uuid.uuid4().hex[:16], int(time.time())
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")  # no length: the stream ends with the connection
        self.end_headers()
        self.close_connection = True

        def send(obj):
            self.wfile.write(b"data: " + json.dumps(obj).encode() + b"\n\n")
            self.wfile.flush()

        def chunk(delta, finish=None):
            return {"id": rid, "object": "chat.completion.chunk", "created": created, "model": "twin",
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

        stamps = []

        def on_token(tok):
            stamps.append(time.perf_counter())
            send(chunk({"role": "assistant", "content": " " + WORDS[tok % len(WORDS)]} if len(stamps) == 1
                       else {"content": " " + WORDS[tok % len(WORDS)]}))

        queued = time.perf_counter()
        with app.lock:
            started = time.perf_counter()
            x = torch.tensor([ids], device="cuda")
            with torch.inference_mode():
                app.model.generate(input_ids=x, attention_mask=torch.ones_like(x), max_new_tokens=max_new,
                                   min_new_tokens=min_new, do_sample=False, streamer=Streamer(on_token),
                                   pad_token_id=0, eos_token_id=1)
        n = len(stamps)
        final = chunk({}, "length" if n >= max_new else "stop")
        final["timings"] = {"prompt_n": len(ids), "prompt_ms": (stamps[0] - started) * 1000 if n else None,
                            "predicted_n": n, "predicted_ms": (stamps[-1] - stamps[0]) * 1000 if n > 1 else 0.0,
                            "queue_ms": (started - queued) * 1000}
        send(final)
        if (req.get("stream_options") or {}).get("include_usage"):
            send({"id": rid, "object": "chat.completion.chunk", "created": created, "model": "twin", "choices": [],
                  "usage": {"prompt_tokens": len(ids), "completion_tokens": n, "total_tokens": len(ids) + n}})
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


class App:
    def __init__(self, shape):
        self.model, self.vocab = build(shape)
        self.lock = threading.Lock()
        x = torch.randint(2, self.vocab, (1, 64), device="cuda")  # warm-up: kernels, allocator
        with torch.inference_mode():
            self.model.generate(input_ids=x, attention_mask=torch.ones_like(x), max_new_tokens=8, min_new_tokens=8,
                                do_sample=False, pad_token_id=0, eos_token_id=1)
        torch.cuda.synchronize()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shape", default="tiny", choices=sorted(SHAPES))
    ap.add_argument("--port", type=int, default=8091)
    a = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.app = App(a.shape)
    print(f"serving {a.shape} (transformers {transformers.__version__}, torch {torch.__version__}, "
          f"attention {srv.app.model.config._attn_implementation}) on 127.0.0.1:{a.port}", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
