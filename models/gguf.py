"""Read and check a GGUF model file without loading it.

llama.cpp trusts the header it is given: a truncated download or a file that merely ends
in ``.gguf`` can crash it or fail with an unhelpful message. So every file is read here
first, in pure Python: the header, every metadata value, every tensor description, and the
promise the tensor table makes about how long the file is. Only a file that keeps that
promise is handed to llama.cpp.

Format reference: ggml's ``docs/gguf.md`` (little-endian, versions 2 and 3).

Why not ggml's own ``gguf`` package (PyPI; llama-cpp-python does not depend on it): its
``GGUFReader`` builds a numpy view for every vocabulary string and merge, which took 7.6 s
for the bundled 98 MB SmolLM2 and 25 s for a 491 MB Qwen 0.5B, against 0.07 s and 0.1 s
here; and on a truncated file it fails inside numpy ("cannot reshape array of size ...")
with nothing a user could act on. Measured with ``benchmarks/bench_gguf_reader.py``; the
figures are in docs/benchmarks.md ("GGUF metadata").
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

MAGIC = b"GGUF"
DEFAULT_ALIGNMENT = 32

# Metadata value types (gguf_type).
T_UINT8, T_INT8, T_UINT16, T_INT16, T_UINT32, T_INT32, T_FLOAT32, T_BOOL = range(8)
T_STRING, T_ARRAY, T_UINT64, T_INT64, T_FLOAT64 = 8, 9, 10, 11, 12

_SCALAR = {
    T_UINT8: "<B", T_INT8: "<b", T_UINT16: "<H", T_INT16: "<h", T_UINT32: "<I", T_INT32: "<i",
    T_FLOAT32: "<f", T_BOOL: "<?", T_UINT64: "<Q", T_INT64: "<q", T_FLOAT64: "<d",
}

# ggml_type -> (elements per block, bytes per block). Checked against libggml's
# ggml_blck_size/ggml_type_size for the llama.cpp that llama-cpp-python 0.3.36 ships.
GGML_TYPES: dict[int, tuple[str, int, int]] = {
    0: ("F32", 1, 4), 1: ("F16", 1, 2), 2: ("Q4_0", 32, 18), 3: ("Q4_1", 32, 20),
    6: ("Q5_0", 32, 22), 7: ("Q5_1", 32, 24), 8: ("Q8_0", 32, 34), 9: ("Q8_1", 32, 36),
    10: ("Q2_K", 256, 84), 11: ("Q3_K", 256, 110), 12: ("Q4_K", 256, 144), 13: ("Q5_K", 256, 176),
    14: ("Q6_K", 256, 210), 15: ("Q8_K", 256, 292), 16: ("IQ2_XXS", 256, 66), 17: ("IQ2_XS", 256, 74),
    18: ("IQ3_XXS", 256, 98), 19: ("IQ1_S", 256, 50), 20: ("IQ4_NL", 32, 18), 21: ("IQ3_S", 256, 110),
    22: ("IQ2_S", 256, 82), 23: ("IQ4_XS", 256, 136), 24: ("I8", 1, 1), 25: ("I16", 1, 2),
    26: ("I32", 1, 4), 27: ("I64", 1, 8), 28: ("F64", 1, 8), 29: ("IQ1_M", 256, 56),
    30: ("BF16", 1, 2), 34: ("TQ1_0", 256, 54), 35: ("TQ2_0", 256, 66), 39: ("MXFP4", 32, 17),
    40: ("NVFP4", 64, 36), 41: ("Q1_0", 128, 18), 42: ("Q2_0", 64, 18),
}

# general.file_type (llama_ftype) -> the quantization name people know the file by.
FILE_TYPES: dict[int, str] = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M",
    30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4_MOE",
    39: "NVFP4", 40: "Q1_0", 41: "Q2_0",
}

_U64 = struct.Struct("<Q")

# Long arrays (vocabularies, merges) are walked for validation but only their length is
# kept: a 150k-token vocabulary as Python strings would cost tens of MB per read.
_KEEP_ARRAY_MAX = 64
# Sanity bounds so that a garbage header cannot make us allocate or loop for ever.
_MAX_KV = 1 << 20
_MAX_TENSORS = 1 << 20
_MAX_DIMS = 4


class GGUFError(ValueError):
    """The file is not a usable GGUF model. ``reason`` is a sentence fit to show a user."""

    def __init__(self, path: str | os.PathLike, reason: str) -> None:
        super().__init__(f"{Path(path).name}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class LongArray:
    """Stands in for a metadata array too long to keep; ``len()`` still works."""

    item_type: int
    count: int

    def __len__(self) -> int:
        return self.count


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int  # from the start of the data section

    @property
    def n_elements(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n

    @property
    def nbytes(self) -> int | None:
        t = GGML_TYPES.get(self.ggml_type)
        if t is None:
            return None
        _, block, size = t
        return (self.n_elements // block) * size


@dataclass
class GGUFInfo:
    path: Path
    file_size: int
    version: int
    tensor_count: int
    metadata: dict[str, Any]
    tensors: list[TensorInfo] = field(repr=False, default_factory=list)
    data_offset: int = 0
    data_end: int = 0  # where the last tensor ends; never past file_size once validated

    # ---- what the app shows ------------------------------------------------
    def get(self, key: str, default: Any = None) -> Any:
        return self.metadata.get(key, default)

    def _arch(self, key: str, default: Any = None) -> Any:
        return self.metadata.get(f"{self.architecture}.{key}", default)

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture") or "unknown")

    @property
    def name(self) -> str:
        return str(self.metadata.get("general.name") or self.path.stem)

    @property
    def parameter_count(self) -> int:
        return sum(t.n_elements for t in self.tensors)

    @property
    def size_label(self) -> str:
        """``general.size_label`` when the converter wrote one, else computed from the tensors."""
        label = self.metadata.get("general.size_label")
        return str(label) if label else human_count(self.parameter_count)

    @property
    def quantization(self) -> str:
        ft = self.metadata.get("general.file_type")
        if isinstance(ft, int) and ft in FILE_TYPES:
            return FILE_TYPES[ft]
        # Older converters left file_type out: name the type that holds most of the bytes.
        by_type: dict[int, int] = {}
        for t in self.tensors:
            by_type[t.ggml_type] = by_type.get(t.ggml_type, 0) + (t.nbytes or 0)
        if not by_type:
            return "unknown"
        top = max(by_type, key=by_type.__getitem__)
        return GGML_TYPES.get(top, (f"type{top}",))[0]

    @property
    def context_length(self) -> int | None:
        v = self._arch("context_length")
        return int(v) if isinstance(v, int) and v > 0 else None

    @property
    def chat_template(self) -> str | None:
        v = self.metadata.get("tokenizer.chat_template")
        return v if isinstance(v, str) and v.strip() else None

    @property
    def n_vocab(self) -> int:
        tokens = self.metadata.get("tokenizer.ggml.tokens")
        if tokens is not None:
            return len(tokens)
        return int(self._arch("vocab_size", 0) or 0)

    # ---- memory ------------------------------------------------------------
    def kv_cache_bytes(self, n_ctx: int) -> int:
        """f16 K and V for every layer at ``n_ctx`` (llama.cpp's default cache type)."""
        layers = int(self._arch("block_count", 0) or 0)
        embd = int(self._arch("embedding_length", 0) or 0)
        heads = _first_int(self._arch("attention.head_count", 0)) or 1
        kv_heads = _first_int(self._arch("attention.head_count_kv", 0)) or heads
        head_dim = embd // heads if heads else 0
        k_len = int(self._arch("attention.key_length", 0) or head_dim)
        v_len = int(self._arch("attention.value_length", 0) or head_dim)
        return layers * n_ctx * kv_heads * (k_len + v_len) * 2

    def estimate_ram_bytes(self, n_ctx: int = 4096, n_batch: int = 512) -> int:
        """Rough resident memory to run the model: weights + KV cache + working buffers.

        Weights are memory-mapped but all of them are touched for every token, so they
        count in full. llama-cpp-python also keeps an ``n_batch x n_vocab`` float32 logits
        array, which for a 150k vocabulary is ~300 MB and easy to forget.
        """
        n_ctx = max(1, min(n_ctx, self.context_length or n_ctx))
        weights = self.file_size
        logits = n_batch * self.n_vocab * 4
        compute = 64 * 2**20 + weights // 20  # llama.cpp's compute buffers, measured loosely
        return weights + self.kv_cache_bytes(n_ctx) + logits + compute

    def summary(self) -> dict[str, Any]:
        """The facts the UI and ``locum models`` show, JSON-ready."""
        return {
            "name": self.name,
            "architecture": self.architecture,
            "parameters": self.size_label,
            "parameter_count": self.parameter_count,
            "quantization": self.quantization,
            "context_length": self.context_length,
            "has_chat_template": self.chat_template is not None,
            "size_bytes": self.file_size,
            "gguf_version": self.version,
        }


def human_count(n: int) -> str:
    for unit, div in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if n >= div:
            return f"{n / div:.1f}".rstrip("0").rstrip(".") + unit
    return str(n)


def _first_int(v: Any) -> int:
    # head_count can be a per-layer array in some architectures; the first layer is typical.
    if isinstance(v, (list, tuple)):
        return int(v[0]) if v else 0
    if isinstance(v, LongArray):
        return 0
    return int(v or 0)


class _Reader:
    """Bounds-checked little-endian reads; any overrun becomes a GGUFError."""

    def __init__(self, f: BinaryIO, path: Path, size: int) -> None:
        self.f, self.path, self.size = f, path, size

    @property
    def pos(self) -> int:
        return self.f.tell()

    def fail(self, reason: str) -> GGUFError:
        return GGUFError(self.path, reason)

    def need(self, n: int, what: str) -> None:
        if n < 0 or self.pos + n > self.size:
            raise self.fail(f"the file is truncated or damaged ({what} runs past the end of the file "
                            f"at byte {self.size:,}).")

    def raw(self, n: int, what: str) -> bytes:
        self.need(n, what)
        return self.f.read(n)

    def scalar(self, fmt: str, what: str) -> Any:
        return struct.unpack(fmt, self.raw(struct.calcsize(fmt), what))[0]

    def u32(self, what: str) -> int:
        return self.scalar("<I", what)

    def u64(self, what: str) -> int:
        return self.scalar("<Q", what)

    def string(self, what: str) -> str:
        n = self.u64(what)
        return self.raw(n, what).decode("utf-8", errors="replace")

    def skip(self, n: int, what: str) -> None:
        self.need(n, what)
        self.f.seek(n, os.SEEK_CUR)

    def skip_strings(self, count: int, what: str) -> None:
        """Walk ``count`` length-prefixed strings in 1 MB windows (vocabularies are 50-250k)."""
        unpack = _U64.unpack_from
        base = self.pos
        buf, i = b"", 0
        for _ in range(count):
            if i + 8 > len(buf):
                base += i
                self.f.seek(base)
                buf, i = self.f.read(1 << 20), 0
                if len(buf) < 8:
                    self.need(8, what)  # raises: the array runs past the end
            i += 8 + unpack(buf, i)[0]
            if base + i > self.size:
                raise self.fail(f"the file is truncated or damaged ({what} runs past the end of the file "
                                f"at byte {self.size:,}).")
        self.f.seek(base + i)

    def value(self, vtype: int, key: str) -> Any:
        if vtype in _SCALAR:
            return self.scalar(_SCALAR[vtype], f"the value of {key}")
        if vtype == T_STRING:
            return self.string(f"the value of {key}")
        if vtype == T_ARRAY:
            itype = self.u32(f"the array type of {key}")
            count = self.u64(f"the array length of {key}")
            if itype == T_ARRAY and count:
                raise self.fail(f"nested arrays in {key} are not supported.")
            if itype in _SCALAR:
                width = struct.calcsize(_SCALAR[itype])
                if count > _KEEP_ARRAY_MAX:
                    self.skip(count * width, f"the array {key}")
                    return LongArray(itype, count)
                data = self.raw(count * width, f"the array {key}")
                return list(struct.unpack(f"<{count}{_SCALAR[itype][1]}", data))
            if itype == T_STRING:
                # Each string needs at least its 8-byte length: reject absurd counts up front.
                self.need(count * 8, f"the array {key}")
                if count > _KEEP_ARRAY_MAX:
                    self.skip_strings(count, f"the array {key}")
                    return LongArray(itype, count)
                return [self.string(f"an item of {key}") for _ in range(count)]
            raise self.fail(f"unknown array item type {itype} in {key}.")
        raise self.fail(f"unknown metadata value type {vtype} for {key}.")


def read_gguf(path: str | os.PathLike, *, check_data: bool = True) -> GGUFInfo:
    """Parse the header, metadata and tensor table of ``path``.

    With ``check_data`` (the default) the file must also be long enough to hold every
    tensor the table describes: that is what catches a truncated download whose header
    arrived intact. Raises :class:`GGUFError` with a readable reason.
    """
    p = Path(path)
    if not p.exists():
        raise GGUFError(p, "the file does not exist.")
    if not p.is_file():
        raise GGUFError(p, "this is not a file.")
    try:
        size = p.stat().st_size
        f = p.open("rb")
    except OSError as e:
        raise GGUFError(p, f"the file cannot be opened ({e.strerror or e}).") from e
    with f:
        r = _Reader(f, p, size)
        if size < 4:
            raise r.fail("the file is too short to be a GGUF model (it may be empty or truncated).")
        if r.raw(4, "the magic number") != MAGIC:
            raise r.fail("this is not a GGUF model file (it does not start with 'GGUF').")
        if size < 24:
            raise r.fail("the file is too short to be a GGUF model (it may be empty or truncated).")
        version = r.u32("the version")
        if version == 1:
            raise r.fail("GGUF version 1 is too old for this llama.cpp; convert the model again.")
        if version not in (2, 3):
            if struct.unpack(">I", struct.pack("<I", version))[0] in (2, 3):
                raise r.fail("this is a big-endian GGUF file, which this computer cannot run.")
            raise r.fail(f"unsupported GGUF version {version}.")
        n_tensors = r.u64("the tensor count")
        n_kv = r.u64("the metadata count")
        if n_tensors > _MAX_TENSORS or n_kv > _MAX_KV:
            raise r.fail("the header is damaged (impossible tensor or metadata count).")

        metadata: dict[str, Any] = {}
        for _ in range(n_kv):
            key = r.string("a metadata key")
            vtype = r.u32(f"the type of {key}")
            metadata[key] = r.value(vtype, key)

        tensors: list[TensorInfo] = []
        for _ in range(n_tensors):
            name = r.string("a tensor name")
            n_dims = r.u32(f"the dimensions of tensor {name}")
            if n_dims > _MAX_DIMS:
                raise r.fail(f"tensor {name} claims {n_dims} dimensions; the header is damaged.")
            shape = tuple(r.u64(f"the shape of tensor {name}") for _ in range(n_dims))
            ttype = r.u32(f"the type of tensor {name}")
            offset = r.u64(f"the offset of tensor {name}")
            tensors.append(TensorInfo(name, shape, ttype, offset))

        align = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
        if not isinstance(align, int) or align <= 0 or align & (align - 1):
            raise r.fail(f"invalid general.alignment {align!r}.")
        data_offset = -(-r.pos // align) * align

    data_end = data_offset
    for t in tensors:
        nbytes = t.nbytes
        if nbytes is None:
            # A type this reader does not know: at least the tensor must start inside the file.
            data_end = max(data_end, data_offset + t.offset + 1)
        else:
            data_end = max(data_end, data_offset + t.offset + nbytes)

    info = GGUFInfo(p, size, version, n_tensors, metadata, tensors, data_offset, data_end)
    if check_data:
        if not tensors:
            raise GGUFError(p, "the file holds no tensors, so it is not a usable model.")
        if data_end > size:
            missing = data_end - size
            raise GGUFError(p, f"the file is truncated: its header describes {data_end:,} bytes but the "
                               f"file has {size:,} ({missing:,} missing). Download or copy it again.")
        if "general.architecture" not in metadata:
            raise GGUFError(p, "the file has no general.architecture, so llama.cpp cannot run it.")
    return info


# ---- writing (the reader's inverse; builds small valid files for tests and fixtures) ----

def _pack_value(v: Any) -> tuple[int, bytes]:
    if isinstance(v, bool):
        return T_BOOL, struct.pack("<?", v)
    if isinstance(v, int):
        return (T_UINT32, struct.pack("<I", v)) if 0 <= v < 2**32 else (T_INT64, struct.pack("<q", v))
    if isinstance(v, float):
        return T_FLOAT32, struct.pack("<f", v)
    if isinstance(v, str):
        b = v.encode("utf-8")
        return T_STRING, struct.pack("<Q", len(b)) + b
    if isinstance(v, (list, tuple)):
        items = [_pack_value(x) for x in v]
        itype = items[0][0] if items else T_UINT32
        if any(t != itype for t, _ in items):
            raise TypeError("GGUF arrays must hold one type")
        return T_ARRAY, struct.pack("<IQ", itype, len(items)) + b"".join(b for _, b in items)
    raise TypeError(f"cannot store {type(v).__name__} in GGUF metadata")


def write_gguf(path: str | os.PathLike, metadata: dict[str, Any],
               tensors: dict[str, tuple[tuple[int, ...], bytes]] | None = None) -> Path:
    """Write a GGUF v3 file with F32 tensors ``{name: (shape, raw little-endian bytes)}``."""
    tensors = tensors or {}
    out = bytearray(MAGIC + struct.pack("<IQQ", 3, len(tensors), len(metadata)))
    for key, value in metadata.items():
        k = key.encode("utf-8")
        vtype, payload = _pack_value(value)
        out += struct.pack("<Q", len(k)) + k + struct.pack("<I", vtype) + payload
    offset, blobs = 0, []
    for name, (shape, data) in tensors.items():
        n = name.encode("utf-8")
        out += struct.pack("<Q", len(n)) + n + struct.pack("<I", len(shape))
        out += b"".join(struct.pack("<Q", d) for d in shape) + struct.pack("<IQ", 0, offset)
        pad = -len(data) % DEFAULT_ALIGNMENT
        blobs.append(data + b"\0" * pad)
        offset += len(data) + pad
    out += b"\0" * (-len(out) % DEFAULT_ALIGNMENT)
    p = Path(path)
    p.write_bytes(bytes(out) + b"".join(blobs))
    return p
