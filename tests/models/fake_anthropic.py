"""A small Anthropic Messages API on 127.0.0.1: SSE streams, tool input, errors on demand.

Each test queues what the next requests get: ``("text", "Hello")``, ``("tool", '{"a": 1}')``,
``(401,)``, ``(429,)``, ``(500,)``, ``("hang", seconds)``, ``("slow", "text", delay)``. Every
request body is kept in ``requests`` so a test can see exactly what left the client.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _sse(event: str, data: dict) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


class FakeAnthropic:
    def __init__(self) -> None:
        self.queue: list[tuple] = []
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.closed_early = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):  # keep test output clean
                pass

            def do_GET(self):
                owner.headers.append({k.lower(): v for k, v in self.headers.items()})
                if self.path.startswith("/v1/models"):
                    body = {"data": [
                        {"type": "model", "id": "claude-sonnet-4-6", "display_name": "Claude Sonnet 4.6",
                         "created_at": "2026-02-01T00:00:00Z", "lifecycle": "active", "max_input_tokens": 200000},
                        {"type": "model", "id": "claude-haiku-4-5", "display_name": "Claude Haiku 4.5",
                         "created_at": "2025-10-01T00:00:00Z", "lifecycle": "active"}],
                        "has_more": False, "first_id": "claude-sonnet-4-6", "last_id": "claude-haiku-4-5"}
                    return self._json(200, body)
                self._json(404, {"type": "error", "error": {"type": "not_found_error", "message": "no"}})

            def do_POST(self):
                n = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(n) or b"{}")
                owner.requests.append(body)
                owner.headers.append({k.lower(): v for k, v in self.headers.items()})
                if self.path.startswith("/v1/messages/count_tokens"):
                    text = json.dumps(body.get("messages"))
                    return self._json(200, {"input_tokens": len(text) // 4})
                step = owner.queue.pop(0) if owner.queue else ("text", "ok")
                if isinstance(step[0], int):
                    code = step[0]
                    kinds = {401: "authentication_error", 429: "rate_limit_error", 500: "api_error",
                             529: "overloaded_error"}
                    return self._json(code, {"type": "error", "error": {"type": kinds.get(code, "api_error"),
                                                                        "message": f"fake {code}"}},
                                      extra={"retry-after": "0"} if code == 429 else None)
                if step[0] == "hang":
                    time.sleep(step[1])
                    try:
                        return self._json(200, {})
                    except (BrokenPipeError, ConnectionResetError):
                        return None
                self._stream(body, step)

            def _json(self, code, body, extra=None):
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, body, step):
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()
                kind, payload = step[0], step[1]
                delay = step[2] if kind == "slow" else 0.0
                pieces = [payload[i:i + 5] for i in range(0, len(payload), 5)] or [""]
                try:
                    self.wfile.write(_sse("message_start", {"type": "message_start", "message": {
                        "id": "msg_1", "type": "message", "role": "assistant", "model": body.get("model"),
                        "content": [], "stop_reason": None, "stop_sequence": None,
                        "usage": {"input_tokens": 42, "output_tokens": 1}}}))
                    if kind == "tool":
                        block = {"type": "tool_use", "id": "toolu_1", "name": body["tools"][0]["name"], "input": {}}
                    else:
                        block = {"type": "text", "text": ""}
                    self.wfile.write(_sse("content_block_start", {"type": "content_block_start", "index": 0,
                                                                  "content_block": block}))
                    for p in pieces:
                        delta = ({"type": "input_json_delta", "partial_json": p} if kind == "tool"
                                 else {"type": "text_delta", "text": p})
                        self.wfile.write(_sse("content_block_delta", {"type": "content_block_delta", "index": 0,
                                                                      "delta": delta}))
                        self.wfile.flush()
                        if delay:
                            time.sleep(delay)
                    self.wfile.write(_sse("content_block_stop", {"type": "content_block_stop", "index": 0}))
                    self.wfile.write(_sse("message_delta", {"type": "message_delta", "delta": {
                        "stop_reason": "tool_use" if kind == "tool" else "end_turn", "stop_sequence": None},
                        "usage": {"output_tokens": len(pieces)}}))
                    self.wfile.write(_sse("message_stop", {"type": "message_stop"}))
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    owner.closed_early.set()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeAnthropic":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def message_requests(self) -> list[dict]:
        return [r for r in self.requests if "max_tokens" in r]
