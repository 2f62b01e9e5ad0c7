"""The facade the desktop and the CLI call. Built once from settings; holds no UI.

Heavy parts (LanceDB, the embedder, llama.cpp) are created on first use, so the CLI's
``status`` and a re-scan of unchanged folders never pay for them.
"""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Generator, Protocol

from core.errors import LocumError
from core.library.manifest import Manifest
from core.library.paths import is_under, same_path
from core.library.search import FusionParams, Searcher, SearchFilter
from core.settings import Settings
from core.types import FileRecord, Hit, IndexProgress, IndexReport, LibraryStatus

log = logging.getLogger(__name__)


class Library:
    def __init__(self, settings: Settings, *, embedder=None) -> None:
        self.settings = settings
        settings.home.mkdir(parents=True, exist_ok=True)
        self._embedder = embedder
        self._embedder_lock = threading.Lock()

    # ---- parts, built lazily --------------------------------------------------
    @cached_property
    def manifest(self) -> Manifest:
        return Manifest(self.settings.manifest_path)

    @property
    def embedder(self):
        # Built once even when the UI's warm-up and an index run ask at the same moment.
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = self._build_embedder()
            return self._embedder

    def _build_embedder(self):
        from models.embedders import build_embedder

        # Queries are embedded by a checked ONNX export kept in the home's cache (erasing the
        # home removes it), so a process that only searches never loads torch.
        return build_embedder(self.settings.embedder, runtime=self.settings.embedder_runtime,
                              fake=self.settings.fake_backends,
                              query_cache=self.settings.cache_dir / "query-embedder")

    @cached_property
    def store(self):
        from core.library.store import open_store

        return open_store(self.settings.library_dir, self.embedder.name, self.embedder.dimensions)

    @cached_property
    def indexer(self):
        from core.library.indexer import Indexer
        from core.documents.readers import open_document

        return Indexer(self.manifest, lambda: self.store, self.embedder, read_document=open_document,
                       exclude=list(self.settings.exclude), ocr=self.settings.ocr, lock_path=self.settings.lock_path)

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.store, self.embedder, FusionParams(), catalog=self.manifest)

    def apply_settings(self) -> None:
        """Changed exclude patterns or OCR choice count from the next sync on. An indexer
        already built keeps its store and embedder and takes the new values."""
        indexer = self.__dict__.get("indexer")
        if indexer is not None:
            indexer.exclude = list(self.settings.exclude)
            indexer.ocr = bool(self.settings.ocr)

    def close(self) -> None:
        """Let go of open files (SQLite, LanceDB) so the home can be deleted; parts are
        built again on next use."""
        manifest = self.__dict__.pop("manifest", None)
        if manifest is not None:
            try:
                manifest.close()
            except Exception:  # already closed or half-built: nothing more to release
                pass
        searcher = self.__dict__.pop("searcher", None)
        if searcher is not None:
            searcher.close()
        for name in ("store", "indexer"):
            self.__dict__.pop(name, None)

    # ---- operations -----------------------------------------------------------
    def index(self, paths: list[str]) -> Generator[IndexProgress, None, IndexReport]:
        return self.indexer.sync([os.path.abspath(p) for p in paths], add=True)

    def sync(self) -> Generator[IndexProgress, None, IndexReport]:
        return self.indexer.sync(None)

    def remove(self, path: str) -> int:
        return self.indexer.remove(path)

    def status(self) -> LibraryStatus:
        files, chunks, failed = self.manifest.counts()
        return LibraryStatus(self.manifest.folders(), files, chunks, failed, self.manifest.no_text_count())

    def files(self) -> list[FileRecord]:
        return sorted(self.manifest.all_files().values(), key=lambda r: r.path)

    def search(self, query: str, k: int = 10, flt: SearchFilter | None = None, mode: str = "hybrid") -> list[Hit]:
        if not self.manifest.counts()[1]:
            return []
        return self.searcher.search(query, k, flt, mode)


class Forms:
    """Extract: templates, one document at a time as a generator, the results store, export.

    ``backend`` gives the chat backend Ask uses too, so one model is loaded, and only when a
    field needs it (its weights load on first use; most fields are decided without it).
    """

    def __init__(self, settings: Settings, backend=None, store=None, cloud=None, capable=None) -> None:
        self.settings = settings
        self._backend = backend or (lambda: None)
        self._store = store
        #: ``cloud(feature, sources)`` -> the Claude backend for that feature, behind the gateway
        self._cloud = cloud
        # whether the local chat model may write values with a checked quote (a larger model)
        self._capable = capable or (lambda: False)

    @property
    def store(self):
        """The results store (the one ``Services.extraction_results`` that removal erases from)."""
        if self._store is not None:
            return self._store()
        from core.forms.store import ResultsStore

        return ResultsStore(self.settings.extract_path)

    def templates(self) -> list:
        from core.fields.templates import list_templates

        return list_templates(self.settings.forms_dir)

    def template(self, name: str):
        from core.fields.templates import get_template

        return get_template(name, self.settings.forms_dir)

    def save_template(self, title: str, fields: list[dict]):
        """Make a user template from the editor's rows and keep it as ``<home>/forms/NAME.json``;
        returns the ``Template``. SchemaError (fit to show) when a row needs fixing."""
        from core.fields.templates import field_key, save_user_template, schema_from_fields

        schema = schema_from_fields(title, fields)
        name = field_key(title) or "template"
        return save_user_template(self.settings.forms_dir, name, schema)

    def extract(self, path: str, template_name: str, *, with_claude: bool = False):
        """Extract one document and keep the result: a generator yielding ``ExtractProgress``
        and returning the ``StoredResult``. A file that cannot be read at all raises a
        ``LocumError`` saying why (nothing is stored for it).

        ``with_claude``: the fields the page does not settle are chosen by Claude (through the
        privacy gateway, for the ``extract`` feature) instead of the local model; the values
        are still the page's own candidates. Raises CloudOffError while that is switched off."""
        from core.errors import CloudOffError, LocumError
        from core.forms.engine import extract_document

        template = self.template(template_name)
        path = os.path.abspath(path)
        write = False
        if with_claude:
            if self._cloud is None:
                raise CloudOffError("Claude is not available here; nothing was sent.")
            backend = self._cloud("extract", (path,))
        else:
            backend = self._backend()
            write = backend is not None and self._capable()
        result = yield from extract_document(path, template, backend, ocr=self.settings.ocr, write=write)
        if result.failed:
            raise LocumError("; ".join(result.errors) or f"{os.path.basename(path)} could not be read.")
        return self.store.get(self.store.save(result))

    def results(self) -> list:
        """Every kept result, oldest first (the order they were added in)."""
        return list(reversed(self.store.list()))

    def export(self, result_ids: list[int], path: str, kind: str) -> str:
        """Write the results (with the reviewer's edits) as ``csv`` or ``json``; returns the path."""
        from core.forms import export

        results = [self.store.get(i) for i in result_ids]
        (export.to_csv if kind == "csv" else export.to_json)(results, path)
        return os.path.abspath(path)

    def page_image(self, path: str, page: int, width_px: int = 1100):
        """A PDF page as PNG with its filled form fields drawn, for the review preview."""
        from core.documents.render import render_pdf_page

        return render_pdf_page(path, page, width_px)

    def json_text(self, result_ids: list[int]) -> str:
        from core.forms import export

        return export.json_text([self.store.get(i) for i in result_ids])


class Leads:
    """Leads: inquiries in, scored lead notes out; the pipeline (status, notes, follow-up,
    duplicates), the office's rubric and client list, and export to a CRM.

    ``backend`` gives the chat backend Ask and Extract use (one model loaded, only when an
    inquiry is assessed); ``library`` the library, searched for the names in an inquiry.
    """

    OFFICES = ("law", "clinic")

    def __init__(self, settings: Settings, backend=None, store=None, library=None, cloud=None) -> None:
        self.settings = settings
        self._backend = backend or (lambda: None)
        self._store = store
        self._library = library
        #: ``cloud(feature, sources)`` -> the Claude backend for that feature, behind the gateway
        self._cloud = cloud

    @property
    def store(self):
        """The pipeline store (the one ``Services.lead_records`` that removal erases from)."""
        if self._store is not None:
            return self._store()
        from core.leads.store import LeadsStore

        return LeadsStore(self.settings.leads_path)

    # ---- the office's rubric and client list -------------------------------------------
    def office(self) -> dict:
        """{"rubric": "law" | "clinic" | a rubric file, "clients": a client list CSV or None}."""
        store = self.store
        return {"rubric": store.pref("rubric", "law"), "clients": store.pref("clients")}

    def rubric(self, choice: str | None = None):
        from core.leads.rubric import load_rubric

        choice = choice or self.office()["rubric"]
        if choice in self.OFFICES:
            return load_rubric(None, office=choice)
        return load_rubric(choice)

    def set_rubric(self, choice: str):
        """Use a built-in rubric ("law", "clinic") or the office's own file from now on; a
        file that cannot be used raises and the choice stays as it was."""
        if choice not in self.OFFICES:
            choice = os.path.abspath(os.path.expanduser(choice))
        rubric = self.rubric(choice)
        self.store.set_pref("rubric", choice)
        return rubric

    def clients(self):
        from core.leads.conflicts import load_clients

        path = self.office()["clients"]
        if not path:
            return None
        if not os.path.exists(path):
            raise LocumError(f"The client list {path} is no longer there.",
                             action="Import the client list again (Leads > Client list).")
        return load_clients(path)

    def set_clients(self, path: str | None):
        """Check inquiries against this client list (CSV with a ``name`` column) from now on;
        ``None`` stops checking against one."""
        from core.leads.conflicts import load_clients

        if path is None:
            self.store.set_pref("clients", None)
            return None
        path = os.path.abspath(os.path.expanduser(path))
        clients = load_clients(path)
        self.store.set_pref("clients", path)
        return clients

    # ---- inquiries in -------------------------------------------------------------------
    def _assessor(self, need_backend=None):
        """``assess`` with the office's rubric and client list. A chat model that cannot be
        used leaves the rules working: the run goes on without it and each lead says so.
        ``need_backend``: Claude reads the need (``core.leads.assess.claude_need``)."""
        from core.errors import ModelLoadError
        from core.leads.assess import assess

        from core.leads.meaning import prepare

        rubric, clients = self.rubric(), self.clients()
        state = {"backend": None, "error": ""}
        embedder = self._embedder()
        prepare(rubric, embedder)  # once per run and rubric, not inside the first inquiry
        try:
            state["backend"] = self._backend()  # its weights load when an inquiry needs them
        except ModelLoadError as e:
            state["error"] = f"No model was used: {e}"

        def run(inq, *, earlier, library):
            try:
                result = assess(inq, rubric, clients=clients, earlier=earlier, library=library,
                                backend=state["backend"], embedder=embedder, need_backend=need_backend)
            except ModelLoadError as e:
                state["backend"], state["error"] = None, f"No model was used: {e}"
                result = assess(inq, rubric, clients=clients, earlier=earlier, library=library, backend=None,
                                embedder=embedder, need_backend=need_backend)
            if state["error"]:
                result.errors.append(state["error"])
            return result

        return run

    def _embedder(self):
        """The library's embedder, which reads an inquiry's need by meaning when no keyword
        decides; None (the rules and the model only) when there is no library or it cannot load."""
        try:
            lib = self._library() if self._library else None
            return lib.embedder if lib is not None else None
        except Exception:
            log.warning("no embedder for reading leads by meaning", exc_info=True)
            return None

    def _library_search(self):
        lib = self._library() if self._library else None
        if lib is None or not lib.manifest.counts()[1]:
            return None
        return lambda name: lib.search(name, k=5, mode="keyword")

    def add(self, paths: list[str]):
        """Read, assess and keep every inquiry in ``paths`` (files and folders): a generator
        yielding ``LeadProgress`` and returning a ``RunReport``."""
        from core.leads.intake import read_inquiries
        from core.leads.pipeline import assess_and_keep, read_all

        inquiries, failed = yield from read_all(list(paths), read_inquiries)
        if not inquiries and not failed:
            raise LocumError("There was no inquiry there.")
        assess = self._assessor() if inquiries else None
        return (yield from assess_and_keep(self.store, inquiries, assess, library=self._library_search(),
                                           failed=failed))

    def add_text(self, text: str):
        """Assess and keep a pasted inquiry (same generator as ``add``)."""
        from core.leads.intake import inquiry_from_text
        from core.leads.pipeline import assess_and_keep

        if not (text or "").strip():
            raise LocumError("There is no text to read: paste the inquiry first.")
        inquiry = inquiry_from_text(text)
        return (yield from assess_and_keep(self.store, [inquiry], self._assessor(), library=self._library_search()))

    def reassess_with_claude(self, lead_id: int):
        """Assess a kept lead again with Claude reading its need, then writing the reply (two
        requests through the privacy gateway, for the ``leads`` feature: its redaction, "ask
        each time" preview and audit log, each). The fields and the score are the rules' as
        always. Claude's reply is kept only when it passes ``core.leads.drafts.check_reply``;
        otherwise, or when that request fails or is declined, the reply stays the office's
        template and the lead's flags say why. The kept lead is updated (its history says so);
        a generator like ``add``, returning the updated ``Lead``.

        Raises CloudOffError, before anything is read or sent, while Leads is "local only"."""
        from core.errors import CloudOffError
        from core.leads.pipeline import assess_and_keep
        from core.leads.store import file_of

        lead = self.store.get(lead_id)
        source = self._source_of(lead)
        if self._cloud is None:
            raise CloudOffError("Claude is not available here; nothing was sent.")
        backend = self._cloud("leads", (file_of(source),) if source else ())
        inquiry = self._inquiry_of(lead)
        assessor, raised, rubric, reply = self._assessor(need_backend=backend), [], self.rubric(), {}

        def run(inq, **kw):
            try:
                result = assessor(inq, **kw)
            except LocumError as e:  # kept as it is (CloudOffError: not confirmed, switched off)
                raised.append(e)
                raise
            data = result.as_json()
            reply["note"] = self._claude_reply(backend, data, rubric, inq)
            return data

        report = yield from assess_and_keep(self.store, [inquiry], run, library=self._library_search())
        if report.failed:
            raise raised[0] if raised else LocumError(report.failed[0][1])
        if reply.get("note"):
            return self.store.note(lead_id, "reply", reply["note"])
        return self.store.get(lead_id)

    @staticmethod
    def _source_of(lead) -> str:
        """The file (``path`` or ``path#row``) a kept lead was read from; "" for pasted text."""
        from core.leads.store import inquiry_key

        return lead.file if lead.file and lead.key == inquiry_key(lead.data) and not lead.key.startswith("text:") \
            else ""

    def _inquiry_of(self, lead):
        """A kept lead's inquiry to assess again: its file read again where it is still there and
        the same (the signature and headers as they are; the lead keeps no signature), else the
        inquiry as it was kept."""
        from core.leads.intake import Inquiry, read_inquiries
        from core.leads.store import file_of, inquiry_key

        source = self._source_of(lead)
        if source and os.path.isfile(file_of(source)):
            try:
                found = next((q for q in read_inquiries(file_of(source))
                              if inquiry_key({"file": q.source}) == lead.key), None)
                if found is not None:
                    return found
            except LocumError:
                pass
        q = lead.inquiry
        return Inquiry(lead.file or "pasted", str(q.get("kind") or "text"), str(q.get("from") or ""),
                       str(q.get("email") or ""), str(q.get("reply_to") or ""), str(q.get("date") or ""),
                       str(q.get("subject") or ""), str(q.get("text") or ""), "", bool(q.get("forwarded")))

    def rescore(self, lead_ids: list[int] | None = None):
        """Assess kept leads again (all of them, or ``lead_ids``) with the office's rubric and client
        list as they are now: after the rubric or the list changed. What the person decided (status,
        notes, follow-up, an edited reply) is kept; the history says it was read again. A
        generator like ``add`` (progress, cancel between leads), returning a ``RunReport``."""
        from core.leads.pipeline import assess_and_keep

        leads = self.store.list() if lead_ids is None else [self.store.get(i) for i in lead_ids]
        if not leads:
            raise LocumError("There are no leads to score again.")
        inquiries = [self._inquiry_of(lead) for lead in leads]
        return (yield from assess_and_keep(self.store, inquiries, self._assessor(), library=self._library_search()))

    @staticmethod
    def _claude_reply(backend, data: dict, rubric, inquiry) -> str:
        """Ask Claude for the reply and keep it in ``data`` if it passes the checks; returns the
        history's note ("claude" when kept, else why not; "" when no reply is drafted: spam)."""
        from core.leads.drafts import claude_reply

        if not str(data.get("draft_reply") or "").strip():
            return ""
        flags = data.setdefault("flags", [])
        # a decline's need is the rubric's (no request for it), but its reply is asked for now
        data["errors"] = [e.replace("Claude was not asked: the rubric's keywords", "Claude did not read the need: "
                                    "the rubric's keywords").replace("; nothing was sent.", "; only the reply was "
                                                                                            "asked for.")
                          if e.startswith("Claude was not asked") else e for e in data.get("errors") or []]
        try:
            got = claude_reply(backend, data, rubric, str(inquiry.text or ""),
                               allowed_extra=str(getattr(inquiry, "signature", "") or ""))
        except LocumError as e:  # declined, switched off since, offline: the template stays
            flags.append(f"Claude did not write the reply ({e}); the office's template is used.")
            return "not written: " + (str(e).split(";")[0] or "the request failed")
        if not got.kept:  # the flag quotes Claude's words; the history names only what was wrong
            flags.append("Claude's reply was not kept, so the office's template is used. Found: "
                         + "; ".join(got.problems) + ".")
            return "not kept: " + ", ".join(p.split(" (")[0] for p in got.problems)
        data["draft_reply"] = got.text
        data["reply_model"] = str(getattr(backend, "name", "") or "claude")
        return "claude"

    # ---- the pipeline -------------------------------------------------------------------
    def list(self) -> list:
        return self.store.list()

    def get(self, lead_id: int):
        return self.store.get(lead_id)

    def export(self, lead_ids: list[int], path: str, kind: str) -> str:
        """Write the leads for a CRM: ``hubspot`` (CSV), ``clio`` (JSON) or ``vcard``."""
        from core.leads.export import WRITERS

        if kind not in WRITERS:
            raise LocumError(f"There is no {kind!r} export; choose hubspot, clio or vcard.")
        store = self.store
        WRITERS[kind][0]([store.get(i) for i in lead_ids], path)
        return os.path.abspath(path)


def run_to_end(gen):
    """Drive a progress generator to its end and return its result."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


class RecordStore(Protocol):
    """Anything under the home that keeps text taken from documents (conversations; later
    extraction results and lead notes). When a folder or file leaves the library, each one
    erases what it holds from the documents whose path ``matches``, so that no file under
    the home keeps their text, and returns how many records it changed."""

    def erase_source(self, matches: Callable[[str], bool]) -> int: ...


def path_within(path: str, target: str) -> bool:
    """``path`` is ``target`` or lies inside it, compared by path parts (not string
    prefixes: ``/a/b2`` is not inside ``/a/b``; Windows paths compare without case)."""
    return is_under(path, target)


@dataclass(frozen=True)
class Removal:
    files: int  # files taken out of the index
    records: int  # saved records (answers, results, notes) whose text from them was erased


class Services:
    """Everything the desktop needs, built once in the composition root from settings.

    Parts are created on first use: building this object imports no model runtime, so the
    window can appear before torch, LanceDB or llama.cpp load.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.library = Library(settings)
        self.forms = Forms(settings, lambda: self.chat_backend, lambda: self.extraction_results,
                           lambda feature, sources: self.cloud_backend(feature, sources),
                           lambda: self.chat.capable)
        self.leads = Leads(settings, lambda: self.chat_backend, lambda: self.lead_records, lambda: self.library,
                           lambda feature, sources: self.cloud_backend(feature, sources))

    @cached_property
    def chat_models(self):
        """List, add, choose and download chat models, and build the one in use."""
        from core.chat.service import ChatModels

        return ChatModels(self.settings)

    @cached_property
    def chat(self):
        """The chat model in use (``core.chat.service.PreparedChat``): checked and built once;
        its weights load on first use. Raises ModelLoadError when it cannot be used."""
        return self.chat_models.prepare()

    @property
    def chat_backend(self):
        return self.chat.backend

    @cached_property
    def claude(self):
        """Claude behind the privacy gateway (``PreparedChat``), built once the cloud is on and
        a key is set. Raises CloudOffError or MissingKeyError otherwise; nothing is sent."""
        return self.chat_models.prepare("claude")

    def cloud_backend(self, feature: str, sources=()):
        """Claude for one feature, checked against the policy first (off: CloudOffError)."""
        return self.chat_models.cloud(feature, None if not self._cloud_allowed(feature) else self.claude,
                                      tuple(sources))

    def _cloud_allowed(self, feature: str) -> bool:
        from core.privacy.policy import CloudPolicy

        return CloudPolicy.load(self.settings.home).allows(feature)

    @property
    def cloud_policy(self):
        from core.privacy.policy import CloudPolicy

        return CloudPolicy.load(self.settings.home)

    def cloud_assistant(self):
        """Ask with Claude: the same retrieval and citation checks, the sources and the question
        (no earlier turns) sent through the gateway, answers saved to the conversation."""
        from core.ask.answering import Assistant

        return Assistant(self.library, self.cloud_backend("ask"), self.conversations, tiny_model=False,
                         unsure="model", history_turns=0)

    def reset_cloud(self) -> None:
        """Forget the built Claude backend (after the key or the model changed)."""
        prepared = self.__dict__.pop("claude", None)
        close = getattr(getattr(prepared, "backend", None), "backend", None)
        if close is not None and hasattr(close, "close"):
            try:
                close.close()
            except Exception:  # an HTTP client already closed
                pass

    @cached_property
    def conversations(self):
        """The one conversation store of this process (desktop views and Ask share it)."""
        from core.ask.conversations import ConversationStore

        return ConversationStore(self.settings.records_path)

    @cached_property
    def audit_log(self):
        """What was sent to the cloud backend, request by request."""
        from core.privacy.audit import AuditLog

        return AuditLog(self.settings.audit_path)

    @cached_property
    def extraction_results(self):
        """Fields extracted from documents, with the reviewer's edits."""
        from core.forms.store import ResultsStore

        return ResultsStore(self.settings.extract_path)

    @cached_property
    def lead_records(self):
        """The leads pipeline: assessed inquiries, with the person's status, notes and replies."""
        from core.leads.store import LeadsStore

        return LeadsStore(self.settings.leads_path)

    @property
    def record_stores(self) -> list[RecordStore]:
        """Every store that must forget a removed document; a new job adds its store here."""
        return [self.conversations, self.audit_log, self.extraction_results, self.lead_records]

    def remove(self, path: str, *, missing_ok: bool = False) -> Removal:
        """Take a folder or file out of the library and erase its text everywhere under the
        home: its index rows and old index versions, and every record store's copies.

        The records are erased even when the index removal fails (busy), and for a path
        the library no longer holds (a file deleted from disk and pruned by a sync) whose
        text is still quoted in saved records: what the user asked to forget is forgotten.
        """
        target = os.path.abspath(path)
        manifest = self.library.manifest
        in_library = bool(manifest.files_under(target)) or any(
            same_path(f, target, manifest.flavour) for f in manifest.folders())
        files = 0
        try:
            if in_library:
                files = self.library.remove(target)
        finally:
            records = self._erase_records(target)
        if not in_library and not records:
            if missing_ok:  # already out (the window's removal of a folder never indexed)
                return Removal(0, 0)
            raise LocumError(f"{target} is not in the library.")
        return Removal(files, records)

    def _erase_records(self, target: str) -> int:
        records = 0
        for store in self.record_stores:
            records += store.erase_source(lambda p: path_within(p, target))
        if records:
            log.info("erased the text of %s from %d saved record(s)", target, records)
        return records

    @cached_property
    def assistant(self):
        from core.ask.answering import Assistant

        return Assistant.from_services(self)

    def close(self) -> None:
        """Release everything that holds files under the home (before erasing it)."""
        self.library.close()
        prepared = self.__dict__.get("chat")
        close = getattr(prepared.backend, "close", None) if prepared is not None else None
        if close:
            try:
                close()
            except Exception:  # a half-loaded model: nothing more to release
                pass
        self.reset_chat_backend()
        self.reset_cloud()
        self.__dict__.pop("conversations", None)
        self.__dict__.pop("audit_log", None)
        self.__dict__.pop("extraction_results", None)
        self.__dict__.pop("lead_records", None)

    def reset_chat_backend(self) -> None:
        """Forget the loaded chat model (after the user picks another one)."""
        self.__dict__.pop("chat", None)
        self.__dict__.pop("assistant", None)
