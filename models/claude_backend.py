"""Claude through the Anthropic SDK, behind the same ``ChatBackend`` seam as the local model.

This module is the only one that imports ``anthropic``. It knows nothing of settings, keys
on disk or redaction: the caller (``core.privacy``) hands it an API key and decides whether
a request may leave the machine at all. Everything here is built from explicit arguments.

Choices, read from the SDK and the API docs:

* Streaming uses ``messages.create(stream=True)``: the raw event stream. Closing the
  generator closes the HTTP response, so a cancelled answer stops the download at once.
* Structured output uses one tool whose ``input_schema`` is the requested JSON schema,
  forced with ``tool_choice``; the tool input arrives as ``input_json_delta`` fragments,
  which are yielded as they come, so the joined text is the JSON object.
* Credentials are always passed explicitly (``api_key=``) so that the SDK never falls back to
  environment variables, profile files or federation settings the user did not choose here.
* Retries: the SDK's own ``max_retries`` (exponential backoff with jitter, honouring
  ``retry-after``) covers 408, 409, 429, 5xx and connection errors before any event is read.
* Page images (``stream(..., images=[(media_type, bytes)])``) go as base64 ``image`` content
  blocks before the text of the last user turn, the order the vision guide recommends. The
  caller decides whether a picture may leave and fits its size; this module only encodes it.
* Token counts: ``count_tokens`` is local and approximate (no request per budget step);
  ``count_tokens_exact`` asks the count endpoint once, for the few places that need it.
"""
from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from typing import Iterator, Sequence

import anthropic

from models.base import Message, Usage

log = logging.getLogger(__name__)

DEFAULT_MODEL = "claude-sonnet-4-6"
DEFAULT_BASE_URL = "https://api.anthropic.com"
#: Name of the one tool used to carry structured output.
SCHEMA_TOOL = "record_result"
#: Context windows of the current models; the Models API's ``max_input_tokens`` wins when known.
_CONTEXT = 200_000


class ClaudeError(Exception):
    """A failed Claude request, with a message a person can read.

    ``kind`` says which: ``auth`` (bad or revoked key), ``rate_limit`` (still limited after the
    retries), ``server`` (5xx/overloaded), ``timeout``, ``connection``, ``bad_request``,
    ``permission``, ``not_found``. The core maps these to its own errors.
    """

    def __init__(self, kind: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass(frozen=True)
class ClaudeModelInfo:
    id: str
    display_name: str
    max_input_tokens: int | None = None


def _readable(err: Exception, *, retries: int) -> ClaudeError:
    after = f" after {retries + 1} attempts" if retries else ""
    if isinstance(err, anthropic.APITimeoutError):
        return ClaudeError("timeout", f"Claude did not answer in time{after}. Try again, or use the local model.")
    if isinstance(err, anthropic.APIConnectionError):
        return ClaudeError("connection", "Could not reach Claude: check the internet connection, or use the local model.")
    if isinstance(err, anthropic.AuthenticationError):
        return ClaudeError("auth", "The Anthropic API key was refused (401). Check the key in Settings > Cloud.",
                           status=401)
    if isinstance(err, anthropic.PermissionDeniedError):
        return ClaudeError("permission", "This Anthropic API key may not use that model (403).", status=403)
    if isinstance(err, anthropic.NotFoundError):
        return ClaudeError("not_found", "Claude does not know that model name (404). Choose a model in Settings > Cloud.",
                           status=404)
    if isinstance(err, anthropic.RateLimitError):
        return ClaudeError("rate_limit", f"Claude's rate limit was reached (429){after}. Wait a minute and try again.",
                           status=429)
    if isinstance(err, anthropic.APIStatusError):
        status = err.status_code
        if status >= 500:
            return ClaudeError("server", f"Claude's service had an error ({status}){after}. Try again later.",
                               status=status)
        detail = _error_detail(err)
        return ClaudeError("bad_request", f"Claude refused the request ({status}): {detail}", status=status)
    return ClaudeError("connection", f"Claude request failed: {type(err).__name__}.")


def _error_detail(err: "anthropic.APIStatusError") -> str:
    body = getattr(err, "body", None)
    if isinstance(body, dict):
        inner = body.get("error")
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])[:300]
    return "see the audit log"


def _to_api(messages: Sequence[Message]) -> tuple[str | None, list[dict]]:
    """The API takes the system prompt apart and merges consecutive turns of one role."""
    system = "\n\n".join(m.content for m in messages if m.role == "system") or None
    turns: list[dict] = []
    for m in messages:
        if m.role == "system":
            continue
        role = "assistant" if m.role == "assistant" else "user"
        if turns and turns[-1]["role"] == role:
            turns[-1]["content"] += "\n\n" + m.content
        else:
            turns.append({"role": role, "content": m.content})
    if not turns or turns[0]["role"] != "user":
        turns.insert(0, {"role": "user", "content": "(no question)"})
    return system, turns


def _with_images(turns: list[dict], images: Sequence[tuple[str, bytes]]) -> list[dict]:
    """The last user turn as content blocks: each picture, then the turn's text."""
    if not images:
        return turns
    last = max(i for i, t in enumerate(turns) if t["role"] == "user")
    blocks = [{"type": "image", "source": {"type": "base64", "media_type": media,
                                           "data": base64.standard_b64encode(data).decode("ascii")}}
              for media, data in images]
    out = list(turns)
    out[last] = {"role": "user", "content": [*blocks, {"type": "text", "text": turns[last]["content"]}]}
    return out


class ClaudeBackend:
    """A ``ChatBackend`` for Claude. Not local: every call sends text to Anthropic."""

    can_stream = True
    supports_schema = True
    is_local = False
    #: reads page pictures (``stream(..., images=...)``); current Claude models all have vision
    accepts_images = True

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 60.0,
        connect_timeout: float = 10.0,
        max_retries: int = 2,
        context_size: int = _CONTEXT,
    ) -> None:
        if not api_key:
            raise ClaudeError("auth", "No Anthropic API key is set. Enter one in Settings > Cloud.")
        self.model = model
        self.name = f"claude:{model}"
        self.context_size = context_size
        self.max_retries = max_retries
        #: usage of the last finished ``stream`` call (input and output tokens from the API)
        self.last_usage = Usage()
        self.last_stop_reason: str | None = None
        self._client = anthropic.Anthropic(
            api_key=api_key,
            base_url=base_url,
            # read timeout applies between bytes of a stream, so a long answer is fine while it flows
            timeout=anthropic.Timeout(timeout, connect=connect_timeout),
            max_retries=max_retries,
            open_telemetry=False,
        )

    # ---- the ChatBackend seam ------------------------------------------------
    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 512,
        json_schema: dict | None = None,
        temperature: float = 0.0,
        images: Sequence[tuple[str, bytes]] = (),
    ) -> Iterator[str]:
        """Yield the reply as it arrives; with ``json_schema``, yield the JSON object's text.
        ``images``: (media_type, encoded bytes) pictures sent before the last user turn's text.

        Closing the generator (``close()``, or dropping it) closes the HTTP stream.
        """
        system, turns = _to_api(messages)
        turns = _with_images(turns, images)
        # ``temperature`` is part of the seam but this SDK's Messages API no longer takes it
        kw: dict = {"model": self.model, "max_tokens": max_tokens, "messages": turns, "stream": True}
        if system:
            kw["system"] = system
        if json_schema is not None:
            kw["tools"] = [{"name": SCHEMA_TOOL, "description": "Record the result in the required shape.",
                            "input_schema": _object_schema(json_schema)}]
            kw["tool_choice"] = {"type": "tool", "name": SCHEMA_TOOL}
        self.last_usage = Usage()
        self.last_stop_reason = None
        try:
            events = self._client.messages.create(**kw)
        except anthropic.APIError as e:
            raise _readable(e, retries=self.max_retries) from None
        return self._events(events)

    def _events(self, events) -> Iterator[str]:
        usage = Usage()
        try:
            for ev in events:
                t = ev.type
                if t == "message_start":
                    u = getattr(ev.message, "usage", None)
                    usage.prompt_tokens = getattr(u, "input_tokens", 0) or 0
                elif t == "content_block_delta":
                    d = ev.delta
                    if d.type == "text_delta" and d.text:
                        yield d.text
                    elif d.type == "input_json_delta" and d.partial_json:
                        yield d.partial_json
                elif t == "message_delta":
                    u = getattr(ev, "usage", None)
                    usage.completion_tokens = getattr(u, "output_tokens", 0) or usage.completion_tokens
                    self.last_stop_reason = getattr(ev.delta, "stop_reason", None)
        except anthropic.APIError as e:
            # an ``error`` event mid-stream (e.g. overloaded): the SDK does not retry these
            raise _readable(e, retries=0) from None
        finally:
            self.last_usage = usage
            events.close()

    def count_tokens(self, text: str) -> int:
        """Local estimate (about 3.5 characters a token in English), never a request."""
        return max(1, (len(text) * 2 + 6) // 7)

    # ---- what Settings and budgeting need -----------------------------------------
    def count_tokens_exact(self, messages: Sequence[Message], *, json_schema: dict | None = None) -> int:
        """Input tokens as the API counts them: one request to the count endpoint."""
        system, turns = _to_api(messages)
        kw: dict = {"model": self.model, "messages": turns}
        if system:
            kw["system"] = system
        if json_schema is not None:
            kw["tools"] = [{"name": SCHEMA_TOOL, "input_schema": _object_schema(json_schema)}]
        try:
            return int(self._client.messages.count_tokens(**kw).input_tokens)
        except anthropic.APIError as e:
            raise _readable(e, retries=self.max_retries) from None

    def list_models(self) -> list[ClaudeModelInfo]:
        """Models this key may use, newest first (the Models API, all pages)."""
        try:
            return [ClaudeModelInfo(m.id, m.display_name or m.id, getattr(m, "max_input_tokens", None))
                    for m in self._client.models.list(limit=100)]
        except anthropic.APIError as e:
            raise _readable(e, retries=self.max_retries) from None

    def close(self) -> None:
        self._client.close()


def _object_schema(schema: dict) -> dict:
    """A tool's ``input_schema`` must be an object; callers' schemas for extraction already are."""
    if schema.get("type") == "object" or "properties" in schema:
        return {"type": "object", **schema}
    raise ValueError("Claude structured output needs a JSON schema of type object")
