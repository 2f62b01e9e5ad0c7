"""Query embeddings without torch: an ONNX float32 export of the same weights, run by onnxruntime.

A query is one short text, yet embedding it through sentence-transformers means importing
torch, transformers and sentence-transformers first: seconds for every new ``locum search``
process. The same network exported once to ONNX and run by onnxruntime (already installed
for OCR) with the model's own ``tokenizer.json`` (the ``tokenizers`` package) needs neither.

The export is made from the torch model (``models.st_embedder`` does it the first time it
embeds documents) into a folder the caller names, and is used only after it reproduced the
torch vectors: cosine at least ``MIN_COSINE`` on every one of a few hundred passages, each
embedded as a query is (alone, unpadded, truncated to the model's length). Its record,
``check.json``, names the files it was made from (size and modification time) and the
onnxruntime version; when any of them differs the export is not used (the caller falls back to
torch) until it is made and checked again. An export that failed its check is recorded as
such, so it is not retried on every run.

Nothing here reaches the network: the weights come from the model folder on disk.
"""
from __future__ import annotations

import json
import logging
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

log = logging.getLogger(__name__)

FORMAT = 1
MIN_COSINE = 0.9999
MODEL_FILE = "model.onnx"
CHECK_FILE = "check.json"
#: The files of a sentence-transformers folder that decide the vectors.
_SOURCE_FILES = ("config.json", "model.safetensors", "pytorch_model.bin", "tokenizer.json",
                 "sentence_bert_config.json", "modules.json", "1_Pooling/config.json")

_SENTENCES = (
    "The tenant shall give the landlord not less than ninety days' written notice before vacating the premises.",
    "Either party may terminate this agreement with thirty days written notice.",
    "The monthly retainer fee of $4,500.00 is payable in advance on the first business day of each month.",
    "Capital expenditures were $442 million in fiscal 2022, compared with $348 million in fiscal 2021.",
    "Consolidated Statements of Cash Flows (in millions)",
    "Net cash provided by operating activities 7,230 5,727 4,422",
    "Patient: Maria Okafor, DOB 03/14/1968. HbA1c 7.9% on 12 Jan 2024; metformin 1,000 mg twice daily.",
    "Discharge summary: admitted with community-acquired pneumonia, treated with IV ceftriaxone, afebrile at discharge.",
    "We keep medical records for ten years after the last visit, then destroy them securely.",
    "The borrower shall maintain a debt service coverage ratio of at least 1.25 to 1.00, tested quarterly.",
    "Item 7. Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "Revenue grew 12% year over year, driven by subscription growth in Digital Media.",
    "The hourly rate for partners is 420 dollars and for associates 260 dollars.",
    "Staff parking is behind the building on Elm Street.",
    "Referral: please assess for suspected obstructive sleep apnoea; BMI 34, Epworth score 15.",
    "Goodwill is tested for impairment annually in the fourth quarter, or sooner if indicators arise.",
    "THE SERVICES ARE PROVIDED \"AS IS\" WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.",
    "Section 14.2(b)(iii): indemnification obligations survive termination for a period of 24 months.",
    "Der Mieter zahlt die Nebenkosten monatlich im Voraus; la résiliation prend effet après préavis.",
    "Café, naïve, résumé, façade, Zürich, São Paulo, Ærø, Łódź.",
    "会议将于下午三时举行。 東京本社の売上高は前年比5%増加した。",
    "Follow-up in 6–8 weeks — sooner if symptoms worsen. ✔ Consent signed ☐ Copy given",
    "Email j.doe@example.org or call +1 (555) 010-2299, ext. 14, before 5 p.m. EST.",
    "Total current liabilities 12,345 11,210 | Total stockholders' equity 14,051 13,264",
    "FY2019 FY2020 FY2021 — three-year CAGR of 8.4%; EPS $2.61 diluted.",
    "The policy manual applies to all employees, contractors and volunteers of the clinic.",
    "Lessee: Harbor Street Holdings LLC. Term: five (5) years commencing 1 July 2023.",
    "Allergies: penicillin (rash), latex. Blood pressure 142/88 mmHg, pulse 76 bpm.",
    "x",
    "OK",
    "retainer",
    "What notice period does the Harbor Street lease require?",
    "When was the patient's last HbA1c?",
    "What was the FY2022 capital expenditure at Adobe?",
    "ai-driven e2e ml/ops k8s c++ c# node.js 3.14159 1e-9 0x1F",
    "((a)) [b] {c} <d> \"e\" 'f' `g` ~h~ ^i^ |j| \\k\\ /l/ #m #n @o $p %q &r *s",
)


def check_passages(n: int = 300) -> list[str]:
    """Fixed passages for the export check: short queries to texts past the model's length
    (which must be truncated the same way), prose, table rows, numbers, other scripts."""
    rng = random.Random(20240611)
    out = dict.fromkeys(_SENTENCES)
    while len(out) < n:
        k = rng.choice((2, 2, 2, 3, 3, 4, 6, 40))  # mostly query-sized; some past the length
        out[" ".join(rng.choice(_SENTENCES) for _ in range(k))] = None
    return list(out)[:n]


def source_fingerprint(model_dir: Path) -> dict:
    out = {}
    for name in _SOURCE_FILES:
        p = Path(model_dir) / name
        try:
            st = p.stat()
        except OSError:
            continue
        out[name] = [st.st_size, st.st_mtime_ns]
    return out


def read_record(folder: Path) -> dict | None:
    try:
        data = json.loads((Path(folder) / CHECK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _ort_version() -> str:
    import onnxruntime

    return str(onnxruntime.__version__)


def _current(record: dict | None, model_dir: Path, ort_version: str) -> bool:
    """The record was made from these very model files, with this onnxruntime."""
    return bool(record) and record.get("format") == FORMAT and record.get("onnxruntime") == ort_version \
        and record.get("source") == source_fingerprint(model_dir)


def needs_export(folder: Path, model_dir: Path) -> bool:
    """No export for these model files yet (an export that failed its check counts as made)."""
    return not _current(read_record(folder), model_dir, _ort_version())


class OnnxQueryEncoder:
    """One text at a time through the exported network: mean-pooled, L2-normalised, float32."""

    def __init__(self, model_file: Path, tokenizer_file: Path, max_tokens: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        so = ort.SessionOptions()
        # A query is a few dozen word pieces: one thread, no spinning (a second thread only
        # waits for the first, and spins on a core another process wants).
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        so.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_file), so, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self.session.get_inputs()}
        tok = Tokenizer.from_file(str(tokenizer_file))
        tok.no_padding()
        tok.enable_truncation(max_tokens)  # as sentence-transformers truncates (max_seq_length)
        self.tokenizer = tok

    def embed(self, text: str) -> np.ndarray:
        enc = self.tokenizer.encode(text)
        feed = {"input_ids": np.asarray([enc.ids], dtype=np.int64),
                "attention_mask": np.asarray([enc.attention_mask], dtype=np.int64),
                "token_type_ids": np.asarray([enc.type_ids], dtype=np.int64)}
        (vec,) = self.session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
        return np.asarray(vec[0], dtype=np.float32)


    def embed_many(self, texts: Sequence[str], batch: int = 16) -> np.ndarray:
        """Many short texts (a rubric's labels): batches of texts of about the same length, so
        that little padding is computed; the same vectors as ``embed`` one by one (the network
        pools over the attention mask). Rows in the order given."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        encs = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))
        out: list = [None] * len(encs)
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            n = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), n), dtype=np.int64)
            mask, types = np.zeros_like(ids), np.zeros_like(ids)
            for row, i in enumerate(idx):
                e = encs[i]
                ids[row, :len(e.ids)], mask[row, :len(e.ids)], types[row, :len(e.ids)] = e.ids, e.attention_mask, \
                    e.type_ids
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            (vecs,) = self.session.run(None, {k: v for k, v in feed.items() if k in self._inputs})
            for row, i in enumerate(idx):
                out[i] = np.asarray(vecs[row], dtype=np.float32)
        return np.stack(out)


def open_checked(folder: Path | None, model_dir: Path, max_tokens: int) -> OnnxQueryEncoder | None:
    """The export in ``folder`` if it passed its check and was made from ``model_dir`` as it
    is now; otherwise None (and the reason is logged)."""
    if folder is None:
        return None
    folder = Path(folder)
    record = read_record(folder)
    if record is None:
        log.info("query embedder: no ONNX export in %s yet; using torch", folder)
        return None
    try:
        ort_version = _ort_version()
        if not _current(record, model_dir, ort_version):
            log.info("query embedder: the ONNX export in %s was made from other model files or another "
                     "onnxruntime; using torch until it is made again", folder)
            return None
        if not record.get("ok"):
            log.info("query embedder: the ONNX export failed its check (min cosine %s); using torch",
                     record.get("min_cosine"))
            return None
        return OnnxQueryEncoder(folder / MODEL_FILE, Path(model_dir) / "tokenizer.json", max_tokens)
    except Exception as e:  # a damaged file or a runtime that will not load it: torch is always right
        log.warning("query embedder: the ONNX export in %s cannot be used (%s); using torch", folder, e)
        return None


def export_query_model(model_dir: Path, folder: Path, max_tokens: int, *,
                       extra_passages: Sequence[str] = ()) -> dict:
    """Export the float32 network of the sentence-transformers folder ``model_dir`` to
    ``folder``, check it against torch, and write its record. Returns the record.

    The caller holds the torch lock (loading a model may switch torch's default dtype).
    The folder appears whole or not at all (made beside it, then renamed).
    """
    import torch
    from sentence_transformers import SentenceTransformer

    model_dir, folder = Path(model_dir), Path(folder)
    t0 = time.perf_counter()
    source = source_fingerprint(model_dir)
    # Eager attention: the mask is applied as arithmetic the exporter can trace, with no
    # branch on its values.
    st = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True,
                             model_kwargs={"attn_implementation": "eager", "dtype": torch.float32})
    st.max_seq_length = max_tokens
    st.eval()
    net = _Pooled(st[0].auto_model).eval()

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        sample = st.tokenizer(["The tenant shall give ninety days' written notice."], return_tensors="pt")
        args = (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"])
        names = ["input_ids", "attention_mask", "token_type_ids"]
        axes = {n: {0: "batch", 1: "tokens"} for n in names}
        axes["embedding"] = {0: "batch"}
        import warnings

        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")  # tracer notes about constants that do not vary here
            torch.onnx.export(net, args, str(tmp / MODEL_FILE), dynamo=False, input_names=names,
                              output_names=["embedding"], dynamic_axes=axes, opset_version=17)

        passages = check_passages() + [p for p in extra_passages if p and p.strip()][:30]
        with torch.inference_mode():
            ref = st.encode(passages, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                            show_progress_bar=False).astype(np.float32)
        enc = OnnxQueryEncoder(tmp / MODEL_FILE, model_dir / "tokenizer.json", max_tokens)
        got = np.stack([enc.embed(p) for p in passages])
        cosines = (got * ref).sum(1) / (np.linalg.norm(got, axis=1) * np.linalg.norm(ref, axis=1))
        min_cos = float(cosines.min())
        record = {"format": FORMAT, "ok": bool(min_cos >= MIN_COSINE), "min_cosine": round(min_cos, 7),
                  "threshold": MIN_COSINE, "passages": len(passages), "source": source,
                  "onnxruntime": _ort_version(), "torch": str(torch.__version__),
                  "seconds": round(time.perf_counter() - t0, 1)}
        del enc
        if not record["ok"]:
            (tmp / MODEL_FILE).unlink()  # never used; keep only the record of the failure
            log.warning("query embedder: the ONNX export gave cosine %.6f < %s to torch on some passage; "
                        "queries keep using torch", min_cos, MIN_COSINE)
        (tmp / CHECK_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        try:
            os.replace(tmp, folder)
        except OSError:  # another process put its own export there first: keep that one
            log.info("query embedder: %s appeared meanwhile; keeping it", folder)
        log.info("query embedder: ONNX export %s (min cosine %.7f on %d passages, %.1f s)",
                 "checked" if record["ok"] else "rejected", min_cos, len(passages), record["seconds"])
        return record
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _pooled_module():
    import torch

    class Pooled(torch.nn.Module):
        """The transformer, mean pooling over real tokens and L2 norm: what
        sentence-transformers' Transformer, Pooling(mean) and Normalize modules compute."""

        def __init__(self, model) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    return Pooled


def _Pooled(model):
    return _pooled_module()(model)


def installed_dir(name: str) -> Path:
    """Where set-up keeps the export shared by every home of this installation, beside the
    installed packages. It holds model weights only, never a user's text."""
    return Path(sys.prefix) / "share" / "locum" / "query-embedder" / f"{name}.onnx"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m models.onnx_embedder``: make the installation's export of the bundled
    MiniLM (once; a no-op when it is current), so no home has to make its own."""
    from models.st_embedder import SentenceEmbedder, bundled_minilm_dir

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    emb = SentenceEmbedder(bundled_minilm_dir())
    folder = installed_dir(emb.name)
    if not needs_export(folder, emb.model_dir):
        record = read_record(folder) or {}
        print(f"query embedder: {folder} is current (checked: {bool(record.get('ok'))})")
        return 0
    record = export_query_model(emb.model_dir, folder, emb.max_tokens)
    print(f"query embedder: {folder} {'checked' if record['ok'] else 'rejected'} "
          f"(min cosine {record['min_cosine']}, {record['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
