"""A keep-alive trap server, written outside TokenClock (stdlib asyncio only), for the connection-reuse tests.

It speaks just enough HTTP/1.1 and OpenAI-style SSE to answer a streaming chat request, and logs to stdout,
one line each: "listening PORT", then "request CONN N" for every request it has read in full (N counts per
connection), "dropped CONN N" and "closed-idle CONN". A request other than POST (a client opening connections
ahead of time) gets an empty 405 and is logged as "other CONN N".

  idle MS   answer, keep the connection open without "Connection: close", then close it MS ms after the
            response if no new request came: the client learns only from the FIN that it may not reuse it.
  close     answer, then close the connection at once, still without "Connection: close": the client's pool
            may hand the connection to the next request before the FIN arrives, and that request meets a reset.
  drop2     read the second request of every connection in full, then close without answering: that request
            reached the server, so a client must not resend it quietly.
"""
import asyncio
import json
import sys

MODE = sys.argv[1]
IDLE_S = float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else 0.05
connections = 0


def log(*parts):
    print(*parts, flush=True)


def response():
    words = ["alpha", " beta", " gamma"]
    events = "".join("data: " + json.dumps({"choices": [{"index": 0, "delta": {"content": w}}]}) + "\n\n" for w in words)
    body = (events + "data: [DONE]\n\n").encode()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
    return head + f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"


async def handle(reader, writer):
    global connections
    connections += 1
    conn, n, closer = connections, 0, None

    async def close_when_idle():
        await asyncio.sleep(IDLE_S)
        log("closed-idle", conn)
        writer.close()

    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            if closer is not None:
                closer.cancel()
            length = 0
            for line in head.decode("latin-1").split("\r\n"):
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            await reader.readexactly(length)
            n += 1
            if not head.startswith(b"POST "):
                log("other", conn, n)
                writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
                continue
            log("request", conn, n)
            if MODE == "drop2" and n == 2:
                log("dropped", conn, n)
                writer.close()
                return
            writer.write(response())
            await writer.drain()
            if MODE == "close":
                log("closed-after", conn, n)
                writer.close()
                return
            if MODE == "idle":
                closer = asyncio.ensure_future(close_when_idle())
    except (asyncio.IncompleteReadError, ConnectionError):
        pass


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    log("listening", server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


asyncio.run(main())
