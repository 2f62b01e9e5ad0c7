"""Making a template in the window: the rows become a JSON Schema under <home>/forms/, the
template is listed and chosen, and a row that needs fixing is named without saving."""
from __future__ import annotations

import json
import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from core.forms.templates import get_template
from desktop.template_editor import DESCRIPTION, KIND, NAME, REQUIRED


def _fill(dlg, r, name, kind, desc, required=False):
    while dlg.table.rowCount() <= r:
        dlg.add_field()
    dlg.table.cellWidget(r, NAME).setText(name)
    box = dlg.table.cellWidget(r, KIND)
    box.setCurrentIndex(box.findData(kind))
    dlg.table.cellWidget(r, DESCRIPTION).setText(desc)
    dlg.table.cellWidget(r, REQUIRED).findChild(QCheckBox).setChecked(required)


def test_a_template_made_in_the_window_is_saved_listed_and_used(make_window, qtbot, tmp_path):
    w, c = make_window()
    w.show_view("extract")
    v = w.extract
    qtbot.waitUntil(lambda: v.template_box.count() >= 5, timeout=20000)
    dlg = v.new_template()
    qtbot.waitExposed(dlg)
    dlg.title.setText("Tenancy application")
    _fill(dlg, 0, "Tenant name", "name", "the person applying to rent", True)
    _fill(dlg, 1, "Move-in date", "date", "when the tenancy starts")
    _fill(dlg, 2, "Monthly rent", "money", "rent per month")
    dlg.add_field()  # a blank row is left out
    shot = os.environ.get("LOCUM_SHOTS")
    if shot:
        dlg.grab().save(os.path.join(shot, "13-extract-new-template.png"))

    # A repeated field name is named, nothing is saved.
    _fill(dlg, 3, "monthly rent", "number", "again")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.banner.isVisible(), timeout=10000)
    assert "monthly_rent" in dlg.banner.text.text() and dlg.isVisible()
    assert not (c.settings.forms_dir / "tenancy_application.json").exists()
    dlg.table.selectRow(3)
    dlg.remove_field()

    with qtbot.waitSignal(dlg.saved, timeout=10000):
        qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    path = c.settings.forms_dir / "tenancy_application.json"
    schema = json.loads(path.read_text())
    assert list(schema["properties"]) == ["tenant_name", "move_in_date", "monthly_rent"]
    assert schema["properties"]["move_in_date"]["format"] == "date"
    assert schema["properties"]["monthly_rent"] == {"type": "number", "x-kind": "money", "title": "Monthly rent",
                                                   "description": "rent per month"}
    assert schema["required"] == ["tenant_name"]
    t = get_template("tenancy_application", c.settings.forms_dir)
    assert [(f.name, f.kind, f.required) for f in t.fields] == [
        ("tenant_name", "name", True), ("move_in_date", "date", False), ("monthly_rent", "money", False)]
    # Listed as the user's own and chosen for the next documents.
    qtbot.waitUntil(lambda: v.template_name() == "tenancy_application", timeout=10000)
    assert v.template_box.currentText() == "Tenancy application (yours)"

    # A document read with it fills its fields from the page's labels.
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    for y, (lab, val) in enumerate([("Tenant name:", "Maria Lopez"), ("Move-in date:", "01/09/2026"),
                                    ("Monthly rent:", "£1,150.00")]):
        page.insert_text((72, 100 + 24 * y), lab, fontsize=11)
        page.insert_text((220, 100 + 24 * y), val, fontsize=11)
    doc.save(tmp_path / "application.pdf")
    v.add_paths([str(tmp_path / "application.pdf")])
    qtbot.waitUntil(lambda: v.queue.rowCount() == 1 and v.queue.item(0).state == "done", timeout=60000)
    f = v.fields
    got = {f.name(r): f.field(r).value for r in range(f.rowCount())}
    assert got == {"tenant_name": "Maria Lopez", "move_in_date": "2026-09-01", "monthly_rent": 1150.0}


def test_a_builtin_name_or_no_fields_is_refused(make_window, qtbot):
    w, c = make_window()
    w.show_view("extract")
    dlg = w.extract.new_template()
    dlg.title.setText("Invoice")
    _fill(dlg, 0, "Amount", "money", "")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.banner.isVisible(), timeout=10000)
    assert "built-in" in dlg.banner.text.text()
    dlg.title.setText("Empty one")
    dlg.table.cellWidget(0, NAME).setText("")
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at least one field" in dlg.banner.text.text(), timeout=10000)
    assert not any(c.settings.forms_dir.glob("*.json")) if c.settings.forms_dir.exists() else True
    dlg.reject()
