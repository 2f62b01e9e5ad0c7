"""The one way text leaves the machine: policy -> redact -> audit -> backend -> re-identify.

``CloudGateway`` is itself a ``ChatBackend`` (``is_local = False``), so Ask and Extract use it
like the local model; the extra keywords ``feature`` and ``sources`` (the document paths whose
text is in the request, so that removing a document erases its audit entries) go with
each call. ``prepare`` returns the exact text that would be sent, for the "ask each time"
preview; ``send`` sends a prepared request.

A request may carry page images (``images=``: ``core.privacy.images.OutboundImage``), only
while the user allows page images to leave (``CloudPolicy.allow_page_images``) and only to
a backend that reads them. Redaction cannot apply to a picture; the preview says so, and
the audit log keeps each picture's SHA-256 and a thumbnail.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

from core.errors import CloudError, CloudOffError, LocumError, MissingKeyError
from core.privacy.audit import AuditLog
from core.privacy.policy import CloudPolicy, KeyStore
from core.settings import Settings
from core.privacy.redaction import PlaceholderBook, Redactor, StreamReidentifier, reidentify
from models.base import ChatBackend, Message

log = logging.getLogger(__name__)

_ACTIONS = {
    "auth": "Open Settings > Cloud and enter a valid Anthropic API key.",
    "rate_limit": "Wait a minute, or use the local model.",
    "server": "Try again later, or use the local model.",
    "timeout": "Try again, or use the local model.",
    "connection": "Check the internet connection, or use the local model.",
}


@dataclass
class Prepared:
    """A request as it would leave the machine. ``sent`` is shown in the preview and logged."""

    feature: str
    model: str
    messages: list[Message]
    json_schema: dict | None
    redacted: bool
    mapping: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    #: page pictures sent with the last user message, unredacted (``OutboundImage``)
    images: tuple = ()

    @property
    def sent(self) -> str:
        body = {"model": self.model, "messages": [{"role": m.role, "content": m.content} for m in self.messages]}
        if self.images:
            # the pixels themselves are named by their fingerprint; the log keeps a thumbnail
            body["images"] = [im.describe() for im in self.images]
        if self.json_schema is not None:
            body["json_schema"] = self.json_schema
        return json.dumps(body, indent=1, ensure_ascii=False)


class CloudGateway:
    can_stream = True
    is_local = False

    def __init__(self, *, home: Path | str, backend: ChatBackend, audit: AuditLog | None = None,
                 redactor: Redactor | None = None, confirm: Callable[[Prepared], bool] | None = None) -> None:
        self.home = Path(home)
        self.backend = backend
        self.audit = audit or AuditLog(Settings(home=self.home).audit_path)
        self.redactor = redactor or Redactor()
        #: asked with the prepared request when the feature's mode is "ask each time"
        self.confirm = confirm
        self.name = backend.name
        self.supports_schema = backend.supports_schema
        self.context_size = backend.context_size

    def count_tokens(self, text: str) -> int:
        return self.backend.count_tokens(text)

    @property
    def policy(self) -> CloudPolicy:
        return CloudPolicy.load(self.home)  # read each time: a switch-off anywhere applies at once

    @property
    def sends_page_images(self) -> bool:
        """Whether a page picture may go now: the user's images switch, and a backend that reads them."""
        return self.policy.allow_page_images and bool(getattr(self.backend, "accepts_images", False))

    def prepare(self, messages: Sequence[Message], *, feature: str, json_schema: dict | None = None,
                sources: Sequence[str | Path] = (), images: Sequence = ()) -> Prepared:
        pol = self.policy
        if not pol.allows(feature):
            raise CloudOffError(f"Claude is switched off for {feature}; nothing was sent.")
        images = tuple(images)
        if images:
            _check_images(pol, self.backend)
        model = getattr(self.backend, "model", self.backend.name)
        if not pol.redact:
            return Prepared(feature, model, list(messages), json_schema, False, {}, tuple(map(str, sources)), images)
        book = PlaceholderBook()
        out = [Message(m.role, self.redactor.redact(m.content, book).text) for m in messages]
        return Prepared(feature, model, out, json_schema, True, dict(book.mapping), tuple(map(str, sources)), images)

    def stream(self, messages: Sequence[Message], *, max_tokens: int = 512, json_schema: dict | None = None,
               temperature: float = 0.0, feature: str = "ask", sources: Sequence[str | Path] = (),
               images: Sequence = ()) -> Iterator[str]:
        prepared = self.prepare(messages, feature=feature, json_schema=json_schema, sources=sources, images=images)
        if self.policy.mode(feature) == "ask_each_time":
            if self.confirm is None or not self.confirm(prepared):
                raise CloudOffError("Nothing was sent: the request was not confirmed.")
        return self.send(prepared, max_tokens=max_tokens, temperature=temperature)

    def send(self, prepared: Prepared, *, max_tokens: int = 512, temperature: float = 0.0) -> Iterator[str]:
        pol = self.policy
        if not pol.allows(prepared.feature):  # switched off between preview and send
            raise CloudOffError(f"Claude is switched off for {prepared.feature}; nothing was sent.")
        if prepared.images:
            _check_images(pol, self.backend)
        rid = self.audit.begin(feature=prepared.feature, model=prepared.model, sent=prepared.sent,
                               redacted=prepared.redacted, placeholders=len(prepared.mapping),
                               sources=prepared.sources, images=prepared.images)
        extra = {"images": [(im.media_type, im.data) for im in prepared.images]} if prepared.images else {}
        try:
            inner = self.backend.stream(prepared.messages, max_tokens=max_tokens, json_schema=prepared.json_schema,
                                        temperature=temperature, **extra)
        except Exception as e:
            err = _as_locum(e)
            self.audit.finish(rid, reply="", status=f"error: {err}", model=prepared.model)
            raise err from None
        return self._relay(rid, prepared, inner)

    def _relay(self, rid: int, prepared: Prepared, inner: Iterator[str]) -> Iterator[str]:
        got: list[str] = []
        status = "cancelled"
        try:
            if prepared.json_schema is not None:
                # a placeholder inside JSON is put back inside the parsed strings, so quoting stays valid
                for piece in inner:
                    got.append(piece)
                raw = "".join(got)
                status = "ok"
                yield _reidentify_json(raw, prepared.mapping)
            else:
                re_id = StreamReidentifier(prepared.mapping)
                for piece in inner:
                    got.append(piece)
                    out = re_id.feed(piece)
                    if out:
                        yield out
                status = "ok"
                tail = re_id.flush()
                if tail:
                    yield tail
        except Exception as e:
            err = _as_locum(e)
            status = f"error: {err}"
            raise err from None
        finally:
            close = getattr(inner, "close", None)
            if close is not None:
                close()
            usage = getattr(self.backend, "last_usage", None)
            self.audit.finish(rid, reply="".join(got), status=status, model=prepared.model,
                              input_tokens=getattr(usage, "prompt_tokens", None) or None,
                              output_tokens=getattr(usage, "completion_tokens", None) or None)


def _check_images(pol: CloudPolicy, backend) -> None:
    if not pol.allow_page_images:  # off by default, and may be switched off between preview and send
        raise CloudOffError("Page images may not leave this computer (Settings > Cloud); nothing was sent.")
    if not getattr(backend, "accepts_images", False):
        raise CloudError("This cloud model does not read page images; nothing was sent.", kind="bad_request")


def _reidentify_json(raw: str, mapping: dict[str, str]) -> str:
    try:
        value = json.loads(raw)
    except ValueError:
        return reidentify(raw, mapping)

    def walk(v):
        if isinstance(v, str):
            return reidentify(v, mapping)
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v

    return json.dumps(walk(value), ensure_ascii=False)


def _as_locum(e: Exception) -> LocumError:
    if isinstance(e, LocumError):
        return e
    kind = getattr(e, "kind", None)
    if isinstance(kind, str):  # models.claude_backend.ClaudeError: its message is already readable
        return CloudError(str(e), kind=kind, action=_ACTIONS.get(kind, ""))
    return CloudError(f"The cloud request failed ({type(e).__name__}).", kind="unknown")


def claude_gateway(home: Path | str, *, model: str | None = None, keys: KeyStore | None = None,
                   base_url: str | None = None, timeout: float = 60.0, max_retries: int = 2,
                   redactor: Redactor | None = None,
                   confirm: Callable[[Prepared], bool] | None = None) -> CloudGateway:
    """Build the Claude backend behind the gateway. Refuses while the cloud is off."""
    pol = CloudPolicy.load(home)
    if not pol.enabled:
        raise CloudOffError("Claude is switched off; nothing will be sent.")
    key = (keys or KeyStore(home)).get()
    if not key:
        raise MissingKeyError("No Anthropic API key is set.")
    from models.claude_backend import DEFAULT_BASE_URL, ClaudeBackend

    backend = ClaudeBackend(api_key=key, model=model or pol.model, base_url=base_url or DEFAULT_BASE_URL,
                            timeout=timeout, max_retries=max_retries)
    return CloudGateway(home=home, backend=backend, redactor=redactor, confirm=confirm)


def claude_models(home: Path | str, *, key: str | None = None, keys: KeyStore | None = None,
                  base_url: str | None = None, timeout: float = 20.0) -> list:
    """The Claude models a key may use (the Models API), for Settings > Cloud.

    Only the key goes (no document text, so nothing to audit), and only while the cloud is on.
    ``key`` is one just typed in and not saved yet; otherwise the stored key is used.
    """
    if not CloudPolicy.load(home).enabled:
        raise CloudOffError("Claude is switched off; the model list is not fetched.")
    key = (key or "").strip() or (keys or KeyStore(home)).get()
    if not key:
        raise MissingKeyError("No Anthropic API key is set.")
    from models.claude_backend import DEFAULT_BASE_URL, ClaudeBackend

    backend = ClaudeBackend(api_key=key, base_url=base_url or DEFAULT_BASE_URL, timeout=timeout,
                            connect_timeout=min(timeout, 10.0), max_retries=1)
    try:
        return backend.list_models()
    except Exception as e:
        raise _as_locum(e) from None
    finally:
        backend.close()
