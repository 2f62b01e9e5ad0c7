"""Extraction templates: JSON Schema objects whose properties are the fields to fill.

Built-in templates live in ``resources/forms/*.json``; a user's own live in
``<home>/forms/*.json`` (same shape). Besides standard JSON Schema, a property may carry
``x-kind`` (name, org, phone, money, currency, id, postcode; ``format: date|email`` works too)
and ``x-labels`` (printed labels that introduce the value on a page). Without them the kind
follows the type and the labels follow the field's name and title.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources as _resources
from pathlib import Path

from core.errors import LocumError
from core.fsutil import atomic_write_json

KINDS = {"text", "name", "org", "date", "email", "phone", "money", "number", "currency", "id",
         "postcode", "boolean", "list", "items"}
_SIMPLE_TYPES = {"string", "number", "integer", "boolean", "array"}


class SchemaError(LocumError):
    action = "Fix the schema file: an object with \"properties\" of string, number, boolean or array fields."


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    description: str = ""
    labels: tuple[str, ...] = ()
    required: bool = False
    item_fields: tuple[str, ...] = ()  # for kind "items": the columns of each line

    @property
    def title(self) -> str:
        return " ".join(split_name(self.name))


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    fields: tuple[FieldSpec, ...]
    schema: dict = field(compare=False, repr=False, default_factory=dict)
    source: str = "built-in"  # built-in | user | file

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def as_json(self) -> dict:
        return {"name": self.name, "title": self.title, "source": self.source,
                "fields": [{"name": f.name, "kind": f.kind, "description": f.description,
                            "required": f.required} for f in self.fields]}


def split_name(name: str) -> list[str]:
    """"dateOfBirth" / "date_of_birth" / "txtDateOfBirth" -> ["date", "of", "birth"]."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[\W_]+", spaced) if w]


def _types(prop: dict) -> list[str]:
    t = prop.get("type", "string")
    return [t] if isinstance(t, str) else [x for x in t if x != "null"]


def _kind(prop: dict) -> str:
    kind = prop.get("x-kind")
    if kind:
        return kind
    fmt = prop.get("format")
    if fmt in ("date", "date-time"):
        return "date"
    if fmt in ("email", "idn-email"):
        return "email"
    types = _types(prop)
    if "boolean" in types:
        return "boolean"
    if "number" in types or "integer" in types:
        return "number"
    if "array" in types:
        items = prop.get("items") or {}
        return "items" if items.get("type") == "object" else "list"
    return "text"


def _check_schema(schema, where: str) -> None:
    if not isinstance(schema, dict):
        raise SchemaError(f"{where} is not a JSON Schema object (it holds a {type(schema).__name__}).")
    try:
        import jsonschema
    except ImportError:  # the checks below still catch the mistakes that matter here
        jsonschema = None
    if jsonschema is not None:
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            path = "/".join(str(p) for p in e.path) or "top level"
            raise SchemaError(f"{where} is not valid JSON Schema ({path}: {e.message}).") from None
    if schema.get("type", "object") != "object":
        raise SchemaError(f"{where} must describe an object (\"type\": \"object\"), not {schema.get('type')!r}.")
    props = schema.get("properties")
    if not isinstance(props, dict) or not props:
        raise SchemaError(f"{where} has no \"properties\": list the fields to extract there.")
    for name, prop in props.items():
        if not isinstance(prop, dict):
            raise SchemaError(f"{where}: field {name!r} must be an object such as {{\"type\": \"string\"}}.")
        bad = [t for t in _types(prop) if t not in _SIMPLE_TYPES]
        if bad:
            raise SchemaError(f"{where}: field {name!r} has type {bad[0]!r}; use string, number, boolean or array.")
        kind = prop.get("x-kind")
        if kind is not None and kind not in KINDS:
            raise SchemaError(f"{where}: field {name!r} has unknown x-kind {kind!r} (known: {', '.join(sorted(KINDS))}).")


def template_from_schema(schema, name: str, *, where: str = "the schema", source: str = "file") -> Template:
    """A Template from a JSON Schema object; SchemaError with a clear message if it is not one."""
    _check_schema(schema, where)
    required = set(schema.get("required") or ())
    specs = []
    for fname, prop in schema["properties"].items():
        kind = _kind(prop)
        labels = [str(x) for x in prop.get("x-labels") or ()]
        for extra in (prop.get("title"), " ".join(split_name(fname))):
            if extra and extra.lower() not in (x.lower() for x in labels):
                labels.append(str(extra))
        item_fields = tuple((prop.get("items") or {}).get("properties", {})) if kind == "items" else ()
        specs.append(FieldSpec(fname, kind, str(prop.get("description", "")), tuple(labels), fname in required,
                               item_fields))
    return Template(name, str(schema.get("title") or name), tuple(specs), schema, source)


def load_schema_file(path: str | Path) -> Template:
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as e:
        raise SchemaError(f"{p}: cannot be read ({e.strerror or e}).") from None
    try:
        schema = json.loads(raw)
    except ValueError as e:
        raise SchemaError(f"{p} is not valid JSON ({e}).") from None
    return template_from_schema(schema, p.stem, where=str(p), source="file")


def _builtin_files() -> list[tuple[str, str]]:
    root = _resources.files("resources") / "forms"
    return sorted((f.name[:-5], f.read_text(encoding="utf-8")) for f in root.iterdir() if f.name.endswith(".json"))


def list_templates(user_dir: Path | None = None) -> list[Template]:
    """Built-in templates, then the user's (a user template may not shadow a built-in name)."""
    out = [template_from_schema(json.loads(text), name, where=f"template {name}", source="built-in")
           for name, text in _builtin_files()]
    taken = {t.name for t in out}
    if user_dir and Path(user_dir).is_dir():
        for f in sorted(Path(user_dir).glob("*.json")):
            if f.stem in taken:
                continue
            try:
                t = load_schema_file(f)
            except SchemaError:
                continue  # a broken user template must not hide the others; --schema shows why
            out.append(Template(t.name, t.title, t.fields, t.schema, "user"))
    return out


def get_template(name: str, user_dir: Path | None = None) -> Template:
    templates = list_templates(user_dir)
    for t in templates:
        if t.name == name:
            return t
    raise LocumError(f"There is no template called {name!r}. Known: {', '.join(t.name for t in templates)}.",
                     action="Run `locum extract --list-templates`, or give your own with --schema FILE.json.")


def save_user_template(user_dir: Path, template_name: str, schema: dict) -> Template:
    """Check and store a user's template as ``<user_dir>/<name>.json``."""
    t = template_from_schema(schema, template_name, where=f"template {template_name}", source="user")
    if template_name in {n for n, _ in _builtin_files()}:
        raise SchemaError(f"{template_name!r} is the name of a built-in template; choose another name.")
    Path(user_dir).mkdir(parents=True, exist_ok=True)
    atomic_write_json(Path(user_dir) / f"{template_name}.json", schema)
    return t


#: The field types a person picks when making a template, with what each reads.
EDITOR_KINDS = {
    "text": "Text", "name": "Person's name", "org": "Organisation", "date": "Date", "email": "E-mail address",
    "phone": "Phone number", "money": "Amount of money", "number": "Number", "id": "Reference or ID",
    "postcode": "Postcode", "boolean": "Yes / no", "list": "List of items",
}
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")


def field_key(text: str) -> str:
    """"Date of birth" -> "date_of_birth": the name a field is stored and exported under."""
    return "_".join(split_name(text))[:64]


def schema_from_fields(title: str, fields: list[dict]) -> dict:
    """A template's JSON Schema from the rows a person filled in: each ``{"name", "kind",
    "description", "required"}``. SchemaError says what to fix (a missing or repeated name,
    an unknown type)."""
    title = " ".join(str(title or "").split())
    if not title:
        raise SchemaError("Give the template a name.")
    if not fields:
        raise SchemaError("Add at least one field to read.")
    props: dict[str, dict] = {}
    required: list[str] = []
    for i, row in enumerate(fields, 1):
        label_text = " ".join(str(row.get("name") or "").split())
        key = field_key(label_text)
        if not key or not _FIELD_NAME.fullmatch(key):
            raise SchemaError(f"Field {i} needs a name that starts with a letter (for example \"Date of birth\").")
        if key in props:
            raise SchemaError(f"Two fields are called {key!r}; give each field its own name.")
        kind = row.get("kind") or "text"
        if kind not in EDITOR_KINDS:
            raise SchemaError(f"Field {label_text!r} has an unknown type {kind!r}.")
        prop: dict = {"type": "string"}
        if kind in ("money", "number"):
            prop = {"type": "number"}
        elif kind == "boolean":
            prop = {"type": "boolean"}
        elif kind == "list":
            prop = {"type": "array", "items": {"type": "string"}}
        elif kind in ("date", "email"):
            prop["format"] = kind
        if kind not in ("text", "number", "boolean", "list", "date", "email"):
            prop["x-kind"] = kind
        prop["title"] = label_text
        desc = " ".join(str(row.get("description") or "").split())
        if desc:
            prop["description"] = desc
        props[key] = prop
        if row.get("required"):
            required.append(key)
    schema: dict = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, "type": "object",
                    "properties": props}
    if required:
        schema["required"] = required
    return schema
