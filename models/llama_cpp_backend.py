"""A GGUF chat model run by llama-cpp-python: the only module that imports ``llama_cpp``.

* The file is checked by :mod:`models.gguf` before llama.cpp sees it: llama.cpp given a
  truncated or foreign file fails with a bare "Failed to load model" or worse.
* The model loads lazily, once, on first use (listing models or starting the app never
  pays for it), under a lock so two threads cannot load it twice.
* A ``Llama`` holds one KV cache and is not thread-safe, so generations are serialised.
  The lock is held by the streaming generator and released in its ``finally``: closing
  the generator mid-answer (cancel) frees the model for the next caller at once.
* ``create_chat_completion`` formats messages with the GGUF's own
  ``tokenizer.chat_template`` (llama-cpp-python picks it up from metadata, or a built-in
  formatter identical to it), so no template lives here.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

from models.base import Message, Usage
from models.gguf import GGUFInfo, read_gguf

DEFAULT_N_CTX = 4096


class BackendError(RuntimeError):
    """llama.cpp could not load or run the model. ``str()`` is fit to show a user."""


class PromptTooLongError(BackendError):
    pass


def physical_cores() -> int:
    try:
        import psutil

        return max(1, psutil.cpu_count(logical=False) or os.cpu_count() or 1)
    except Exception:  # psutil missing or unable to read the topology
        return max(1, (os.cpu_count() or 2) // 2)


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
    ) -> None:
        self.path = Path(path)
        self.info = info or read_gguf(self.path)  # raises GGUFError with a reason
        trained = self.info.context_length
        # Past the trained length attention degrades silently; never go there.
        self.context_size = max(256, min(int(n_ctx), trained)) if trained else int(n_ctx)
        self.n_threads = n_threads or physical_cores()
        self.n_gpu_layers = int(n_gpu_layers)
        self.verbose = verbose
        self.name = name or self.info.name
        self.last_usage: Usage | None = None
        # Timings of the last stream, for benchmarks and a "tokens/s" readout.
        self.last_timing: dict[str, float] = {}
        self._llama: Any = None
        self._vocab: Any = None
        self._load_lock = threading.Lock()
        self._gen_lock = threading.Lock()

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
                try:
                    llama = llama_cpp.Llama(
                        model_path=str(self.path),
                        n_ctx=self.context_size,
                        n_threads=self.n_threads,
                        n_threads_batch=self.n_threads,
                        n_gpu_layers=self.n_gpu_layers,
                        verbose=self.verbose,
                    )
                except (ValueError, RuntimeError, OSError) as e:
                    raise BackendError(f"llama.cpp could not load {self.path.name}: {e}") from e
                self.context_size = llama.n_ctx()
                self._llama = llama
                self._drop_vocab()
        return self._llama

    def close(self) -> None:
        """Free the model's memory; a later request loads it again."""
        with self._gen_lock, self._load_lock:
            if self._llama is not None:
                self._llama.close()
                self._llama = None
            self._drop_vocab()

    def _drop_vocab(self) -> None:
        if self._vocab is not None:
            self._vocab.close()
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
        # The vocabulary is read-only once loaded, so tokenizing needs no generation lock.
        return self._tokenizer_model().tokenize(text.encode("utf-8"), False, False)

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
            prompt, gen = int(perf.n_p_eval), int(perf.n_eval)
            t_prompt, t_gen = perf.t_p_eval_ms / 1000, perf.t_eval_ms / 1000
        except Exception:  # counters are a nicety; never fail an answer over them
            prompt, gen, t_prompt, t_gen = 0, pieces, 0.0, 0.0
        self.last_usage = Usage(prompt_tokens=prompt, completion_tokens=max(gen, pieces))
        self.last_timing = {
            "first_token_s": (first - t0) if first else float("nan"),
            "total_s": end - t0,
            "prompt_eval_s": t_prompt,
            "eval_s": t_gen,
            "pieces": float(pieces),
        }

