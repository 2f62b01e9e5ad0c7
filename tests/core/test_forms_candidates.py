from core.fields.candidates import page_candidates, rows_of, skew_slope
from core.fields.choice import clear_choice, rank
from core.fields.templates import get_template
from core.types import PageText, Word


def _page(lines, *, angle=0.0, gap=140.0):
    """A page from [(label, value)] or [text] lines; ``angle`` (radians) turns it like a scan."""
    import math

    cos, sin = math.cos(angle), math.sin(angle)
    words, y = [], 100.0
    for n, line in enumerate(lines):
        parts = [(72.0, line[0]), (72.0 + gap, line[1])] if isinstance(line, tuple) else [(72.0, line)]
        for x, text in parts:
            for w in text.split():
                width = 6.0 * len(w)
                cx, cy = x * cos + y * sin, -x * sin + y * cos  # the word's bottom left, turned
                words.append(Word(w, cx, cy - 10, cx + width, cy, n))
                x += width + 3
        y += 22
    return PageText(1, "\n".join(" ".join(p) if isinstance(p, tuple) else p for p in lines), tuple(words), (595, 842))


def test_label_right_inline_and_below():
    page = _page([("Client name:", "Margaret Ellison"), "Email: m.ellison@example.org", "Bill to", "Acme Ltd"])
    by = {(c.label, c.how): c for c in page_candidates(page)}
    right = by[("Client name", "right")]
    assert right.text == "Margaret Ellison" and right.page == 1 and len(right.boxes) == 2
    assert by[("Email", "inline")].text == "m.ellison@example.org"
    assert by[("Bill to", "below")].text == "Acme Ltd"


def test_typed_spans_carry_their_context_and_kind():
    page = _page(["Thank you for seeing Mr Tom Reed, born on 3 March 1980.", "Call 07700 900123 or pay £120.50."])
    cands = page_candidates(page)
    kinds = {k: c for c in cands if c.how == "typed" for k in c.kinds}
    assert kinds["date"].text == "3 March 1980" and kinds["date"].label.endswith("born on")
    assert kinds["phone"].text == "07700 900123"
    assert kinds["money"].text == "£120.50"  # the full stop is not part of the value
    assert "Tom Reed" in kinds["name"].text


def test_a_turned_scan_still_pairs_labels_with_their_values():
    rows = [("Client name:", "Kwame Brennan"), ("Date of birth:", "13/01/2003"), ("Email:", "k@example.org"),
            ("Phone:", "07505 849095"), ("Matter type:", "Probate"), ("Opposing party:", "Hannah Kowalski")]
    straight = rows_of(_page(rows))
    assert abs(skew_slope(straight)) < 0.01
    tilted = _page(rows, angle=0.06)  # about 3.4 degrees
    # without straightening, the values sit half a line above their labels
    t = get_template("client_intake")
    best = {f: clear_choice(t.field(f), s) for f, s in rank(t.fields, page_candidates(tilted)).items()}
    assert best["client_name"].value == "Kwame Brennan"
    assert best["date_of_birth"].value == "2003-01-13"
    assert best["opposing_party"].value == "Hannah Kowalski"


def test_candidates_are_words_of_the_page():
    page = _page([("Invoice number:", "INV-2025-0042"), ("Total:", "£1,250.00")])
    page_words = [w.text for w in page.words]
    cands = page_candidates(page)
    assert {c.text for c in cands} >= {"INV-2025-0042", "£1,250.00"}
    # every word of every candidate is a page word (or a page word less its end punctuation)
    assert [c for c in cands if not all(any(w in pw for pw in page_words) for w in c.text.split())] == []


def test_an_organisation_is_no_persons_name_and_keeps_its_kind():
    from core.types import PageText, Word

    words, x = [], 10.0
    for t in "Invoice from Kessler Foods Ltd today".split():
        words.append(Word(t, x, 10, x + 8 * len(t), 20, 0))
        x += 8 * len(t) + 5
    page = PageText(page=1, text=" ".join(w.text for w in words), words=words)
    kinds = {c.text: c.kinds for c in page_candidates(page)}
    assert kinds["Kessler Foods Ltd"] == frozenset({"org"})
