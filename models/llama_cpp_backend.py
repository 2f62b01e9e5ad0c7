"""A GGUF chat model run by llama-cpp-python: the only module that imports ``llama_cpp``.

* The file is checked by :mod:`models.gguf` before llama.cpp sees it: llama.cpp given a
  truncated or foreign file fails with a bare "Failed to load model" or worse.
* The model loads lazily, once, on first use (listing models or starting the app never
  pays for it), under a lock so two threads cannot load it twice.
* A ``Llama`` holds one KV cache and is not thread-safe, so generations are serialised.
  The lock is held by the streaming generator and released in its ``finally``: closing
  the generator mid-answer (cancel) frees the model for the next caller at once.
* ggml's AMX matrix path crashes (SIGSEGV in ``ldtilecfg``) on multi-token batches on
  the AMX-capable Xeon VMs this was developed on, so on CPUs that advertise AMX the
  "extra buffer types" (AMX and weight repacking) are switched off; elsewhere they stay
  on for speed. ``LOCUM_LLAMA_EXTRA_BUFFERS=0|1`` overrides the guess.
* ``create_chat_completion`` formats messages with the GGUF's own
  ``tokenizer.chat_template`` (llama-cpp-python picks it up from metadata, or a built-in
  formatter identical to it), so no template lives here.
"""
from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

from models.base import Message, Usage, cpu_flags, physical_cores  # noqa: F401 (physical_cores re-exported)
from models.gguf import GGUFInfo, read_gguf

DEFAULT_N_CTX = 4096


class BackendError(RuntimeError):
    """llama.cpp could not load or run the model. ``str()`` is fit to show a user."""


class PromptTooLongError(BackendError):
    pass


def cpu_advertises_amx() -> bool:
    return "amx_tile" in cpu_flags()


def default_extra_buffers() -> bool:
    env = os.environ.get("LOCUM_LLAMA_EXTRA_BUFFERS")
    if env in ("0", "1"):
        return env == "1"
    return not cpu_advertises_amx()


_PARAMS_PATCH_LOCK = threading.Lock()


@contextlib.contextmanager
def model_params_override(**fields: Any) -> Iterator[None]:
    """Set llama_model_params fields that ``llama_cpp.Llama()`` does not expose.

    ``Llama.__init__`` builds its params from ``llama_model_default_params()`` and loads
    the model in the same call, so the defaults are swapped for the duration of the
    constructor. Also used by the benchmark so that both sides run the same settings.
    """
    import llama_cpp.llama_cpp as lib

    if not fields:
        yield
        return
    with _PARAMS_PATCH_LOCK:
        original = lib.llama_model_default_params

        def patched():  # type: ignore[no-untyped-def]
            params = original()
            for k, v in fields.items():
                setattr(params, k, v)
            return params

        lib.llama_model_default_params = patched
        try:
            yield
        finally:
            lib.llama_model_default_params = original


class LlamaCppBackend:
    can_stream = True
    supports_schema = True
    is_local = True

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        n_ctx: int = DEFAULT_N_CTX,
        n_threads: int | None = None,
        n_gpu_layers: int = 0,
        verbose: bool = False,
        name: str | None = None,
        info: GGUFInfo | None = None,
        extra_buffers: bool | None = None,
    ) -> None:
        self.path = Path(path)
        self.info = info or read_gguf(self.path)  # raises GGUFError with a reason
        trained = self.info.context_length
        # Past the trained length attention degrades silently; never go there.
        self.context_size = max(256, min(int(n_ctx), trained)) if trained else int(n_ctx)
        self.n_threads = n_threads or physical_cores()
        self.n_gpu_layers = int(n_gpu_layers)
        self.verbose = verbose
        self.extra_buffers = default_extra_buffers() if extra_buffers is None else extra_buffers
        self.name = name or self.info.name
        self.last_usage: Usage | None = None
        # Timings of the last stream, for benchmarks and a "tokens/s" readout.
        self.last_timing: dict[str, float] = {}
        self._llama: Any = None
        self._vocab: Any = None
        self._load_lock = threading.Lock()
        self._gen_lock = threading.Lock()
        self._tok_lock = threading.Lock()  # keeps close() from freeing a model mid-tokenize
        self._closes = 0

    # ---- loading ---------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._llama is not None

    def load(self) -> Any:
        """Load the weights now (normally this happens on the first request)."""
        if self._llama is not None:
            return self._llama
        with self._load_lock:
            if self._llama is None:
                import llama_cpp

                # Checked again here: the file may have changed since this backend was built.
                self.info = read_gguf(self.path)
                if self.info.context_length:
                    self.context_size = min(self.context_size, self.info.context_length)
                try:
                    with model_params_override(**self.model_param_overrides()):
                        llama = llama_cpp.Llama(**self.llama_kwargs())
                except (ValueError, RuntimeError, OSError) as e:
                    raise BackendError(f"llama.cpp could not load {self.path.name}: {e}") from e
                self.context_size = llama.n_ctx()
                self._llama = llama
                self._drop_vocab()
        return self._llama

    def llama_kwargs(self) -> dict[str, Any]:
        """The exact ``llama_cpp.Llama`` arguments used (the benchmark reuses them)."""
        return {
            "model_path": str(self.path),
            "n_ctx": self.context_size,
            "n_threads": self.n_threads,
            "n_threads_batch": self.n_threads,
            "n_gpu_layers": self.n_gpu_layers,
            "verbose": self.verbose,
        }

    def model_param_overrides(self) -> dict[str, Any]:
        return {} if self.extra_buffers else {"use_extra_bufts": False}

    def close(self) -> None:
        """Free the model's memory; a later request loads it again."""
        with self._gen_lock, self._load_lock, self._tok_lock:
            self._closes += 1
            if self._llama is not None:
                self._llama.close()
                self._llama = None
            self._drop_vocab()

    def _drop_vocab(self) -> None:
        # Dropped, not closed: a tokenize() running in another thread may still hold it,
        # and the wrapper frees the C model when its last reference goes.
        self._vocab = None

    # ---- tokens ----------------------------------------------------------------
    def _tokenizer_model(self) -> Any:
        """A tokenizer without loading the weights (or the loaded model's, if there is one).

        A full ``Llama(vocab_only=True)`` would still build a context and log a spurious
        "n_ctx_train (0)" error to stderr, so the bare model wrapper is used instead.
        """
        if self._llama is not None:
            return self._llama._model
        with self._load_lock:
            if self._llama is not None:
                return self._llama._model
            if self._vocab is None:
                import llama_cpp
                from llama_cpp import _internals
                from llama_cpp._logger import set_verbose

                set_verbose(self.verbose)
                params = llama_cpp.llama_model_default_params()
                params.vocab_only = True
                try:
                    self._vocab = _internals.LlamaModel(path_model=str(self.path), params=params,
                                                        verbose=self.verbose)
                except (ValueError, RuntimeError, OSError) as e:
                    raise BackendError(f"llama.cpp could not read the vocabulary of {self.path.name}: {e}") from e
            return self._vocab

    def tokenize(self, text: str) -> list[int]:
        # The vocabulary is read-only once loaded, so tokenizing needs no generation lock
        # and can budget the next prompt while an answer is streaming.
        data = text.encode("utf-8")
        while True:
            epoch = self._closes
            model = self._tokenizer_model()
            with self._tok_lock:
                if epoch == self._closes:  # not freed by close() in between
                    return model.tokenize(data, False, False)

    def count_tokens(self, text: str) -> int:
        if not text:
            return 0
        return len(self.tokenize(text))

    # ---- generation ------------------------------------------------------------
    def stream(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 512,
        json_schema: dict | None = None,
        temperature: float = 0.0,
    ) -> Iterator[str]:
        llama = self.load()
        kwargs: dict[str, Any] = {}
        if json_schema is not None:
            # llama-cpp-python builds a grammar only from this shape; the OpenAI-style
            # {"type": "json_schema", "json_schema": ...} envelope is silently ignored.
            kwargs["response_format"] = {"type": "json_object", "schema": json_schema}
        chat = [{"role": m.role, "content": m.content} for m in messages]
        with self._gen_lock:
            import llama_cpp

            llama_cpp.llama_perf_context_reset(llama.ctx)
            t0 = time.perf_counter()
            first: float | None = None
            pieces = 0
            try:
                it = llama.create_chat_completion(
                    messages=chat, stream=True, max_tokens=max_tokens, temperature=temperature, **kwargs,
                )
            except ValueError as e:
                raise self._translate(e) from e
            try:
                for chunk in it:
                    text = chunk["choices"][0]["delta"].get("content")
                    if text:
                        if first is None:
                            first = time.perf_counter()
                        pieces += 1
                        yield text
            except ValueError as e:
                raise self._translate(e) from e
            finally:
                # Closing the inner generator stops llama.cpp before the next token; the
                # with-block then releases the lock for the next request.
                it.close()
                self._record(llama, t0, first, pieces)

    def _translate(self, e: ValueError) -> BackendError:
        msg = str(e)
        if "exceed context window" in msg or "context window" in msg:
            return PromptTooLongError(f"The prompt is longer than the model's context window "
                                      f"({self.context_size} tokens): {msg}")
        return BackendError(f"The model could not answer: {msg}")

    def _record(self, llama: Any, t0: float, first: float | None, pieces: int) -> None:
        end = time.perf_counter()
        try:
            import llama_cpp

            perf = llama_cpp.llama_perf_context(llama.ctx)
            evaluated, gen = int(perf.n_p_eval), int(perf.n_eval)
            t_prompt, t_gen = perf.t_p_eval_ms / 1000, perf.t_eval_ms / 1000
            # The KV cache holds the whole prompt (a reused prefix + what was evaluated now)
            # followed by the generated tokens that were fed back.
            prompt = max(evaluated, int(llama.n_tokens) - gen)
        except Exception:  # counters are a nicety; never fail an answer over them
            prompt, evaluated, gen, t_prompt, t_gen = 0, 0, pieces, 0.0, 0.0
        self.last_usage = Usage(prompt_tokens=prompt, completion_tokens=max(gen, pieces))
        self.last_timing = {
            "prompt_tokens_evaluated": float(evaluated),
            "first_token_s": (first - t0) if first else float("nan"),
            "total_s": end - t0,
            "prompt_eval_s": t_prompt,
            "eval_s": t_gen,
            "pieces": float(pieces),
        }

