import json

import pytest

from core.fields.templates import SchemaError, get_template, list_templates, load_schema_file, save_user_template

BUILT_IN = {"client_intake", "patient_intake", "referral_letter", "invoice", "receipt"}


def test_built_in_templates_have_a_description_per_field():
    templates = {t.name: t for t in list_templates()}
    assert BUILT_IN <= set(templates)
    for t in templates.values():
        assert t.fields
        for f in t.fields:
            assert f.description, (t.name, f.name)
    inv = templates["invoice"]
    assert inv.field("line_items").kind == "items"
    assert inv.field("line_items").item_fields == ("description", "quantity", "unit_price", "amount")
    assert inv.field("total").kind == "money" and inv.field("total").required


def test_any_schema_of_simple_fields_becomes_a_template(tmp_path):
    schema = {"type": "object", "properties": {
        "caseRef": {"type": "string", "description": "Case reference"},
        "hearing": {"type": "string", "format": "date"},
        "fee": {"type": "number"}, "urgent": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}}}, "required": ["caseRef"]}
    p = tmp_path / "court.json"
    p.write_text(json.dumps(schema))
    t = load_schema_file(p)
    kinds = {f.name: f.kind for f in t.fields}
    assert kinds == {"caseRef": "text", "hearing": "date", "fee": "number", "urgent": "boolean", "tags": "list"}
    assert "case ref" in t.field("caseRef").labels and t.field("caseRef").required


@pytest.mark.parametrize("content, words", [
    ("{not json", "not valid JSON"),
    ('{"type": "object", "properties": {"a": {"type": "strin"}}}', "not valid JSON Schema"),
    ('{"type": "array", "items": {}}', "must describe an object"),
    ('{"type": "object"}', "no \\\"properties\\\""),
    ('{"type": "object", "properties": {"a": {"type": "object"}}}', "use string, number, boolean or array"),
    ('[1, 2]', "not a JSON Schema object"),
])
def test_an_invalid_schema_gets_a_clear_message(tmp_path, content, words):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(SchemaError) as e:
        load_schema_file(p)
    assert words.replace("\\", "") in str(e.value)


def test_user_templates_are_listed_and_may_not_shadow_built_ins(tmp_path):
    schema = {"type": "object", "properties": {"member_no": {"type": "string", "description": "Membership number"}}}
    save_user_template(tmp_path, "gym_form", schema)
    assert get_template("gym_form", tmp_path).source == "user"
    with pytest.raises(SchemaError):
        save_user_template(tmp_path, "invoice", schema)
    (tmp_path / "broken.json").write_text("{")
    assert {t.name for t in list_templates(tmp_path)} == BUILT_IN | {"gym_form"}
