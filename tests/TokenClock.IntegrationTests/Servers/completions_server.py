"""A Completions API server written outside TokenClock (stdlib asyncio only), for the openai-completions backend.

POST /v1/completions streams one SSE event per token: max_tokens events whose "text" is " t<i>", GAP_MS apart,
then a usage event (completion_tokens = max_tokens) with llama.cpp-style timings, then [DONE]. Any other path
gets 404, so a client that sends chat to it fails loudly. Logs to stdout, one line each: "listening PORT",
"path PATH", "body JSON" (the request body as received), "wrote I NS" (time.monotonic_ns() right after the event
for token I was written and drained), "done".
Usage: completions_server.py GAP_MS
"""
import asyncio
import json
import sys
import time

GAP_S = float(sys.argv[1]) / 1000 if len(sys.argv) > 1 else 0.02


def log(*parts):
    print(*parts, flush=True)


def framed(payload):
    return f"{len(payload):x}\r\n".encode() + payload + b"\r\n"


def chunk(data):
    return framed(("data: " + json.dumps(data) + "\n\n").encode())


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ")[:2]
            length = 0
            for line in lines[1:]:
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            raw = await reader.readexactly(length)
            if method != "POST":
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
                continue
            log("path", path)
            if path != "/v1/completions":
                writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
                continue
            body = json.loads(raw)
            log("body", json.dumps(body, sort_keys=True))
            n = int(body.get("max_tokens") or 16)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            await writer.drain()
            for i in range(n):
                await asyncio.sleep(GAP_S)
                writer.write(chunk({"object": "text_completion", "model": "m",
                                    "choices": [{"index": 0, "text": f" t{i}", "finish_reason": "length" if i == n - 1 else None}]}))
                await writer.drain()
                log("wrote", i, time.monotonic_ns())
            prompt_words = len(str(body.get("prompt", "")).split())
            writer.write(chunk({"object": "text_completion", "model": "m", "choices": [],
                                "usage": {"prompt_tokens": prompt_words, "completion_tokens": n, "total_tokens": prompt_words + n},
                                "timings": {"prompt_n": prompt_words, "prompt_ms": 1.0, "predicted_n": n, "predicted_ms": GAP_S * 1000 * n}}))
            writer.write(framed(b"data: [DONE]\n\n") + b"0\r\n\r\n")
            await writer.drain()
            log("done")
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    log("listening", server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


asyncio.run(main())
