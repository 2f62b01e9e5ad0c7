"""Claude as a chat model entry: built by the one chat-model service, always behind the gateway.

``ChatModels.prepare("claude")`` builds the Claude backend wrapped in
:class:`core.privacy.gateway.CloudGateway` (policy check, redaction, audit), the same way it
builds a GGUF backend. Ask and Extract then take a :class:`FeatureBackend`: the gateway bound
to one feature (``ask``, ``extract``, ``leads``), so the policy the user set for that feature
applies and every audit entry names it, and to the documents whose text the request carries,
so that removing a document erases its audit entries too.

There is no Claude entry in ``models.json`` and it is never the default chat model: the local
model does the daily work, and Claude is reached only through :meth:`ChatModels.cloud`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from core.chat.registry import ChatModelEntry
from core.privacy.policy import CloudPolicy
from models.base import Message

CLAUDE_NAME = "claude"
CLAUDE_KIND = "claude"


def claude_entry(policy: CloudPolicy) -> ChatModelEntry:
    """The entry for Claude with the model the user chose in Settings > Cloud."""
    return ChatModelEntry(name=CLAUDE_NAME, path="", kind=CLAUDE_KIND, source="cloud",
                          title=f"Claude ({policy.model}), sends text to Anthropic", added_at=0.0)


def is_cloud_model(name: str | None) -> bool:
    """Whether an answer's or a result's model name is a cloud model (for the "Claude" badge)."""
    return bool(name) and str(name).startswith("claude:")


@dataclass
class FeatureBackend:
    """A ``ChatBackend`` for one feature: every call goes through the gateway with that feature.

    ``sources`` are the document paths whose text is in the request; a caller that knows
    them per call (Ask, after retrieval) passes ``sources=`` to :meth:`stream` instead.
    """

    gateway: object  # core.privacy.gateway.CloudGateway
    feature: str
    sources: tuple[str, ...] = ()

    can_stream = True
    is_local = False

    @property
    def name(self) -> str:
        return self.gateway.name

    @property
    def supports_schema(self) -> bool:
        return self.gateway.supports_schema

    @property
    def context_size(self) -> int:
        return self.gateway.context_size

    @property
    def model(self) -> str:
        return getattr(self.gateway.backend, "model", self.gateway.name)

    def count_tokens(self, text: str) -> int:
        return self.gateway.count_tokens(text)

    @property
    def sends_page_images(self) -> bool:
        """Whether a page with no text layer may go as its picture for this feature now (the
        user's "allow page images" switch, read afresh; off by default)."""
        return bool(getattr(self.gateway, "sends_page_images", False)) and self.gateway.policy.allows(self.feature)

    def with_sources(self, sources: Sequence[str | Path]) -> "FeatureBackend":
        return FeatureBackend(self.gateway, self.feature, tuple(str(s) for s in sources))

    def stream(self, messages: Sequence[Message], *, max_tokens: int = 512, json_schema: dict | None = None,
               temperature: float = 0.0, sources: Sequence[str | Path] | None = None,
               images: Sequence = ()) -> Iterator[str]:
        """``images``: ``core.privacy.images.OutboundImage`` pictures; the gateway refuses them
        unless page images are allowed."""
        extra = {"images": tuple(images)} if images else {}
        return self.gateway.stream(messages, max_tokens=max_tokens, json_schema=json_schema,
                                   temperature=temperature, feature=self.feature,
                                   sources=self.sources if sources is None else tuple(str(s) for s in sources),
                                   **extra)
