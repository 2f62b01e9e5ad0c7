"""Redaction rules: names by context and by the name lists, ids by label and shape, dates in words.

Most tests run the rules alone (``use_ner=False``) on the installed word lists; the last ones run
the whole pass with Presidio and the bundled spaCy pipeline (``real``)."""
from __future__ import annotations

import pytest

from core.privacy.redaction import PlaceholderBook, Redactor, Span, name_lexicon, english_words


@pytest.fixture(scope="module")
def rules():
    return Redactor(use_ner=False)


def redacted(red: Redactor, text: str) -> dict[str, str]:
    """Every redacted piece of text -> its kind."""
    return {text[s.start:s.end]: s.kind for s in red.find(text, PlaceholderBook())}


def test_the_word_lists_come_from_installed_packages():
    given, family = name_lexicon()
    assert {"tobias", "maria", "aleksandra"} <= given and {"nguyen", "nowak"} <= family
    words = english_words()
    assert {"attendance", "voicemail", "landlord"} <= words and "raghunathan" not in words


def test_a_weak_guess_does_not_take_an_overlapping_email_out_with_it():
    """A NER guess with a digit in it ("Email ravi88") is no name and is dropped; it must not first
    win the overlap against the e-mail address and leave the address in the clear."""

    class Guessing(Redactor):
        def _ner_spans(self, text):
            # longer than the address and the phone it overlaps: "781. Email ravi88"
            return [Span(text.index("781"), text.index("@"), "PERSON", "presidio")]

    text = "Mobile 07723 456 781. Email ravi88@gmail.com please."
    spans = Guessing(use_ner=True).find(text, PlaceholderBook())
    got = [(text[s.start:s.end], s.kind) for s in spans]
    assert ("ravi88@gmail.com", "EMAIL") in got
    assert ("07723 456 781", "PHONE") in got


def test_given_names_after_a_greeting_and_above_a_valediction(rules):
    text = ("Hi Anushka,\nthe Halvorsen papers are signed. Anushka, please file them today.\n"
            "Many thanks,\nTeodoro")
    found = redacted(rules, text)
    assert found.get("Anushka") == "PERSON" and found.get("Teodoro") == "PERSON"
    assert [s for s in rules.find(text, PlaceholderBook()) if text[s.start:s.end] == "Anushka"].__len__() == 2


def test_a_greeting_to_a_role_is_no_name(rules):
    found = redacted(rules, "Dear Colleague, Hi Team, Good morning Doctor, thank you.")
    assert "PERSON" not in found.values()


def test_hyphenated_given_names_and_particles(rules):
    text = "Conference about Annie-Rose Whitcombe and Hye-jin Seo. The buyer is Willem van der Meer."
    found = redacted(rules, text)
    assert found.get("Annie-Rose Whitcombe") == "PERSON"
    assert found.get("Hye-jin Seo") == "PERSON"
    assert found.get("Willem van der Meer") == "PERSON"


def test_a_possessive_name_after_a_label(rules):
    text = "Reminder: Leticia Obuya's scan is on Monday."
    assert redacted(rules, text).get("Leticia Obuya") == "PERSON"


def test_family_names_in_the_plural(rules):
    text = "Nkechi Adeyemo-Okafor wrote. The Adeyemo-Okafors say the wall is theirs; the Pellingtons' garden is next door."
    found = redacted(rules, text)
    assert found.get("Adeyemo-Okafors") == "PERSON"
    assert found.get("Pellingtons") == "PERSON"
    assert "PERSON" not in redacted(rules, "The Claimants and the Defendants agree. The Courts decide.").values()


def test_a_lower_case_display_name_and_its_lower_case_signature(rules):
    text = 'From: "dara obi" <dara.obi@example.ng>\nTo: Reception <front@clinic.example>\nmy appointment please. dara'
    spans = rules.find(text, PlaceholderBook())
    got = {(text[s.start:s.end], s.kind) for s in spans}
    assert ("dara obi", "PERSON") in got and ("dara", "PERSON") in got
    assert not any(text[s.start:s.end] == "Reception" for s in spans)


def test_ids_after_unforeseen_labels_and_by_shape(rules):
    text = ("Her Home Office reference is K7654321. UPN B987654321098. Her tax identification number is "
            "98 765 432 109. Our ref: MT/4471.")
    found = redacted(rules, text)
    assert found.get("K7654321") == "ID" and found.get("B987654321098") == "ID"
    assert found.get("98 765 432 109") == "ID"
    assert "MT/4471" not in found  # the firm's own file reference names no one


def test_dates_of_birth_in_words(rules):
    text = "The deceased was born on the twenty-third of April 1931; his sister, DOB the ninth of June 1934."
    found = redacted(rules, text)
    assert found.get("the twenty-third of April 1931") == "DOB"
    assert found.get("the ninth of June 1934") == "DOB"
    # "née" gives a birth name, not a birth date
    assert "DOB" not in redacted(rules, "Mrs Ada Pellow née Byron, married 8 July 1835.").values()


def test_form_words_and_organisations_are_not_names(rules):
    text = ("Attendance Note. Summary of Advice. Action Points: obtain the Land Registry title. "
            "Flu Clinics run on Saturday. Parking Permits at the Front Desk. Harbour Foods Ltd pays.")
    assert redacted(rules, text) == {}


def test_amounts_dates_and_times_are_not_ids(rules):
    text = "Settlement of 145,000.00 on 2025-06-30 at 08:40; clinic note 14/05/2024; 500 mg daily."
    assert "ID" not in redacted(rules, text).values()


@pytest.mark.real
def test_the_whole_pass_keeps_names_and_drops_plain_words():
    red = Redactor()
    text = ("Voicemail transcript: 'Hi, it's Oyinkansola Bello-Martins, calling about my son Tunde. "
            "Tel 0161 496 0789.' Landlord: Crispin Ashworth-Lyle. Copied to Elmfield Surgery.")
    found = {text[s.start:s.end]: s.kind for s in red.find(text, PlaceholderBook())}
    assert found.get("Oyinkansola Bello-Martins") == "PERSON"
    assert found.get("Tunde") == "PERSON"
    assert found.get("Crispin Ashworth-Lyle") == "PERSON"
    assert found.get("0161 496 0789") == "PHONE"
    for word in ("Voicemail", "Tel", "Landlord", "Elmfield Surgery"):
        assert word not in found
