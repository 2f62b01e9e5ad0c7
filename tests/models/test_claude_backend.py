"""The Claude backend against a fake Messages API on 127.0.0.1."""
from __future__ import annotations

import json
import time

import pytest

from models.base import ChatBackend, Message, complete
from models.claude_backend import ClaudeBackend, ClaudeError
from tests.models.fake_anthropic import FakeAnthropic

KEY = "sk-ant-test-0123456789abcdef"


@pytest.fixture
def server():
    with FakeAnthropic() as s:
        yield s


def backend(server, **kw) -> ClaudeBackend:
    kw.setdefault("max_retries", 2)
    return ClaudeBackend(api_key=KEY, base_url=server.url, **kw)


MSGS = [Message("system", "Be brief."), Message("user", "Hello?")]


def test_is_a_chat_backend_and_not_local(server):
    b = backend(server)
    assert isinstance(b, ChatBackend)
    assert b.is_local is False and b.supports_schema and b.can_stream
    assert b.name == "claude:claude-sonnet-4-6"


def test_streams_text_in_pieces_and_sends_system_apart(server):
    server.queue.append(("text", "Hello there, friend."))
    b = backend(server)
    pieces = list(b.stream(MSGS, max_tokens=50))
    assert len(pieces) > 1 and "".join(pieces) == "Hello there, friend."
    req = server.message_requests[0]
    assert req["system"] == "Be brief." and req["messages"] == [{"role": "user", "content": "Hello?"}]
    assert req["stream"] is True and req["model"] == "claude-sonnet-4-6" and req["max_tokens"] == 50
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"  # how this SDK version sends the key
    assert b.last_usage.prompt_tokens == 42 and b.last_usage.completion_tokens == 4


def test_structured_output_is_a_forced_tool_and_yields_json(server):
    schema = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    server.queue.append(("tool", '{"name": "Acme Ltd"}'))
    out = complete(backend(server), MSGS, max_tokens=50, json_schema=schema)
    assert json.loads(out) == {"name": "Acme Ltd"}
    req = server.message_requests[0]
    assert req["tools"][0]["input_schema"]["properties"] == schema["properties"]
    assert req["tool_choice"] == {"type": "tool", "name": req["tools"][0]["name"]}


def test_page_images_go_as_base64_blocks_before_the_last_user_turns_text(server):
    import base64

    png = b"\x89PNG\r\n\x1a\n-not-really-a-picture"
    server.queue.append(("text", "ok"))
    msgs = [Message("user", "First."), Message("assistant", "Yes."), Message("user", "Read the page.")]
    assert complete(backend(server), msgs, max_tokens=20, images=[("image/png", png)]) == "ok"
    turns = server.message_requests[0]["messages"]
    assert turns[0] == {"role": "user", "content": "First."}  # an earlier turn keeps its text
    assert turns[2]["content"] == [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                     "data": base64.standard_b64encode(png).decode()}},
        {"type": "text", "text": "Read the page."}]
    server.queue.append(("text", "ok"))
    complete(backend(server), msgs, max_tokens=20)  # no pictures: the turns stay plain text
    assert server.message_requests[1]["messages"][2] == {"role": "user", "content": "Read the page."}


def test_bad_key_is_a_readable_auth_error_without_the_key(server):
    server.queue.append((401,))
    with pytest.raises(ClaudeError) as e:
        list(backend(server).stream(MSGS))
    assert e.value.kind == "auth" and "401" in str(e.value) and KEY not in str(e.value)
    assert len(server.message_requests) == 1  # a 401 is not retried


def test_429_then_success_is_retried(server):
    server.queue += [(429,), ("text", "fine")]
    assert complete(backend(server), MSGS) == "fine"
    assert len(server.message_requests) == 2


def test_429_after_retries_says_so(server):
    server.queue += [(429,), (429,), (429,)]
    with pytest.raises(ClaudeError) as e:
        complete(backend(server, max_retries=1), MSGS)
    assert e.value.kind == "rate_limit" and "2 attempts" in str(e.value)
    assert len(server.message_requests) == 2


def test_500_is_retried_then_reported(server):
    server.queue += [(500,), (500,)]
    with pytest.raises(ClaudeError) as e:
        complete(backend(server, max_retries=1), MSGS)
    assert e.value.kind == "server" and "500" in str(e.value)
    assert len(server.message_requests) == 2


def test_timeout(server):
    server.queue.append(("hang", 3.0))
    t = time.monotonic()
    with pytest.raises(ClaudeError) as e:
        complete(backend(server, timeout=0.5, max_retries=0), MSGS)
    assert e.value.kind == "timeout"
    assert time.monotonic() - t < 2.5


def test_cancel_closes_the_stream(server):
    server.queue.append(("slow", "x" * 400, 0.05))
    gen = backend(server).stream(MSGS)
    first = next(gen)
    assert first
    gen.close()
    # the server notices the closed connection when it writes the next pieces
    assert server.closed_early.wait(5.0)


def test_list_models_and_exact_count(server):
    b = backend(server)
    models = b.list_models()
    assert [m.id for m in models] == ["claude-sonnet-4-6", "claude-haiku-4-5"]
    assert models[0].display_name == "Claude Sonnet 4.6" and models[0].max_input_tokens == 200000
    n = b.count_tokens_exact(MSGS)
    assert n == len(json.dumps([{"role": "user", "content": "Hello?"}])) // 4
    assert len(server.message_requests) == 0  # counting sends no message request


def test_missing_key_refuses_before_any_request(server):
    with pytest.raises(ClaudeError) as e:
        ClaudeBackend(api_key="", base_url=server.url)
    assert e.value.kind == "auth" and not server.requests
