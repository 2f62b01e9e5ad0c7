"""The one way to get a chat backend: resolve the entry, check the file and the memory, build.

The CLI (``locum ask``, ``locum models``) and the window (``Services.chat_models``) both come
through here, so a bad file or a model that cannot fit is refused the same way everywhere,
with a :class:`core.errors.ModelLoadError` whose text names the file and says what to do.

Entries carry a ``kind``; each kind has one builder in ``_BUILDERS``. ``gguf`` is run by
llama.cpp; ``claude`` is built by :mod:`core.chat.cloud`'s rules behind the privacy gateway
(policy check, key, redaction, audit), and is reached for one feature at a time through
:meth:`ChatModels.cloud`, never as the default model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generator

from core.chat import manager, registry
from core.chat.cloud import CLAUDE_KIND, CLAUDE_NAME, FeatureBackend, claude_entry
from core.chat.manager import AddResult, ModelRow, RamCheck
from core.chat.registry import ChatModelEntry, ModelNotFoundError
from core.errors import ModelLoadError
from core.settings import Settings
from models.base import ChatBackend, default_threads
from models.gguf import GGUFError, GGUFInfo, read_gguf

CHOOSE_ANOTHER = ("Choose or add a working GGUF model: Settings > Models in the window, "
                  "or `locum models add FILE.gguf` then `locum models use NAME`.")


@dataclass
class PreparedChat:
    """A checked backend (its weights load on first use) and what to tell the user about it."""

    backend: ChatBackend
    entry: ChatModelEntry | None  # None for the test-only fake backend
    warnings: list[str] = field(default_factory=list)
    ram: RamCheck | None = None

    @property
    def tiny(self) -> bool:
        return bool(self.entry is not None and self.entry.tiny)

    @property
    def capable(self) -> bool:
        """May write values with a source quote in Extract (see ``ChatModelEntry.capable``)."""
        return bool(self.entry is not None and self.entry.capable)


def check_gguf_file(path: str | Path) -> GGUFInfo:
    """The GGUF at ``path``, read and checked: it exists, is a complete GGUF, has a chat template."""
    p = Path(path)
    try:
        info = read_gguf(p)
    except GGUFError as e:
        raise ModelLoadError(f"The chat model file {p} cannot be used: {e.reason}",
                             action="Copy or download the complete file again. " + CHOOSE_ANOTHER) from e
    if info.chat_template is None:
        raise ModelLoadError(f"The chat model file {p} has no chat template, so Locum cannot hold a "
                             "conversation with it (it is probably a base model, not an instruct one).",
                             action="Use the -Instruct or -Chat version of the model. " + CHOOSE_ANOTHER)
    return info


class ChatModels:
    """Chat models for one home: list, add, choose, download, and build the backend."""

    def __init__(self, settings: Settings, *, keys=None) -> None:
        self.settings = settings
        self._keys = keys
        #: where the Claude backend sends requests; None is Anthropic's API (tests set a local server)
        self.cloud_base_url: str | None = None
        #: asked with the exact request before it is sent under "ask each time"; None refuses
        self.confirm: Callable[[Any], bool] | None = None
        #: the redactor the gateway uses (None: Presidio with spaCy and the rules)
        self.redactor = None

    @property
    def keys(self):
        """The Anthropic key's store (keyring, environment, or this session): one per process."""
        if self._keys is None:
            from core.privacy.policy import KeyStore

            self._keys = KeyStore(self.settings.home)
        return self._keys

    # ---- managing (the manager's functions, bound to these settings) ---------------
    def list(self) -> list[ModelRow]:
        return manager.list_models(self.settings)

    def add(self, path: str | Path, **kw: Any) -> AddResult:
        return manager.add_model(self.settings, path, **kw)

    def use(self, name: str, *, force: bool = False) -> tuple[ChatModelEntry, RamCheck]:
        return manager.use_model(self.settings, name, force=force)

    def download(self, name: str) -> Generator[Any, None, AddResult]:
        return manager.download_model(self.settings, name)

    # ---- building ----------------------------------------------------------------
    def entry(self, name: str | None = None) -> ChatModelEntry:
        """The entry to use: ``name``, else the one chosen in the settings, else the bundled one."""
        if name == CLAUDE_NAME:
            from core.privacy.policy import CloudPolicy

            return claude_entry(CloudPolicy.load(self.settings.home))
        try:
            return registry.current_chat_model(self.settings, name)
        except ModelNotFoundError as e:
            raise ModelLoadError(str(e), action=CHOOSE_ANOTHER) from e

    def prepare(self, name: str | None = None) -> PreparedChat:
        """Resolve, check and build; the weights load on first use (or :meth:`load`).

        Raises ModelLoadError for an unknown name, a missing, damaged or foreign file, a file
        without a chat template, or a model that cannot fit in the memory free now.
        """
        if self.settings.fake_backends and name != CLAUDE_NAME:
            from models.fake import FakeChat

            return PreparedChat(FakeChat(context_size=self.settings.context_size), None)
        entry = self.entry(name)
        build = _BUILDERS.get(entry.kind)
        if entry.kind == CLAUDE_KIND and name != CLAUDE_NAME:
            build = None  # Claude is built only by name, behind the gateway, never from models.json
        if build is None:
            raise ModelLoadError(f"The chat model {entry.name} is of kind {entry.kind!r}, which this version "
                                 "of Locum cannot run.", action=CHOOSE_ANOTHER)
        return build(self, entry)

    def load(self, prepared: PreparedChat) -> PreparedChat:
        """Load the weights now (off the UI thread), with llama.cpp's failures made readable."""
        load = getattr(prepared.backend, "load", None)
        if load is None:
            return prepared
        path = prepared.entry.path if prepared.entry is not None else "the model file"
        try:
            load()
        except GGUFError as e:  # the file changed after it was checked
            raise ModelLoadError(f"The chat model file {path} cannot be used: {e.reason}",
                                 action=CHOOSE_ANOTHER) from e
        except (RuntimeError, OSError, ValueError) as e:
            raise ModelLoadError(f"The chat model {path} could not be loaded: {e}", action=CHOOSE_ANOTHER) from e
        return prepared

    # ---- the cloud ----------------------------------------------------------------
    def cloud(self, feature: str, prepared: PreparedChat | None = None,
              sources: tuple[str, ...] = ()) -> FeatureBackend:
        """Claude for one feature (``ask``, ``extract``, ``leads``), behind the gateway.

        Raises CloudOffError while the cloud, or this feature, is off, and MissingKeyError
        without a key; nothing is built or sent then.
        """
        from core.errors import CloudOffError
        from core.privacy.policy import CloudPolicy

        if not CloudPolicy.load(self.settings.home).allows(feature):
            raise CloudOffError(f"Claude is switched off for {feature}; nothing was sent.",
                                action="Switch it on in Settings > Cloud.")
        prepared = prepared or self.prepare(CLAUDE_NAME)
        return FeatureBackend(prepared.backend, feature, tuple(sources))

    def cloud_models(self, key: str | None = None) -> list:
        """The Claude models this key may use (the Models API), newest first. Refused while the
        cloud is off: even the key does not leave the machine then."""
        from core.privacy.gateway import claude_models

        return claude_models(self.settings.home, key=key, keys=self.keys, base_url=self.cloud_base_url)

    # ---- kinds -------------------------------------------------------------------
    def _prepare_claude(self, entry: ChatModelEntry) -> PreparedChat:
        from core.privacy.gateway import claude_gateway

        gateway = claude_gateway(self.settings.home, keys=self.keys, base_url=self.cloud_base_url,
                                 redactor=self.redactor, confirm=lambda prepared: bool(self.confirm is not None and self.confirm(prepared)))
        return PreparedChat(gateway, entry, ["Claude runs on Anthropic's servers: what is sent is in the audit log."])

    def _prepare_gguf(self, entry: ChatModelEntry) -> PreparedChat:
        info = check_gguf_file(entry.path)
        ram = manager.check_ram(info.estimate_ram_bytes(self.settings.context_size), entry.name)
        if not ram.ok:
            raise ModelLoadError(ram.message, action="Close other programs, or choose a smaller model: "
                                                     "Settings > Models in the window, or `locum models list`.")
        # Imported here so that listing or adding models never pays for loading llama.cpp.
        from models.llama_cpp_backend import LlamaCppBackend

        backend = LlamaCppBackend(entry.path, n_ctx=self.settings.context_size, n_gpu_layers=self.settings.gpu_layers,
                                  n_threads=default_threads(), name=entry.name, info=info)
        warnings = [w for w in (manager.model_note(entry), ram.message) if w]
        return PreparedChat(backend, entry, warnings, ram)


_BUILDERS: dict[str, Callable[[ChatModels, ChatModelEntry], PreparedChat]] = {
    "gguf": ChatModels._prepare_gguf,
    CLAUDE_KIND: ChatModels._prepare_claude,
}
