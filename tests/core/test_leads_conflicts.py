"""Conflict check: tolerant of spelling and name order, not of a different person; clients
CSV, earlier leads and the library, each match saying where it was found."""
from __future__ import annotations

import pytest

from core.leads.assess import assess
from core.leads.conflicts import ClientListError, check, load_clients, name_score, other_parties
from core.leads.intake import inquiry_from_text
from core.leads.rubric import load_rubric
from core.types import Hit


@pytest.mark.parametrize("a, b", [
    ("Jon Smyth", "John Smith"), ("Priya Sharma", "Sharma, Priya"), ("Smith John", "John Smith"),
    ("Dr Anna Kowalski", "Anna Kowalski"), ("J. Smith", "John Smith"), ("José Núñez", "Jose Nunez"),
    ("Anna Maria Kowalski", "Anna Kowalski"), ("Kessler Foods Ltd", "Kessler Foods (UK) Limited"),
    ("ACME BUILDERS LTD", "Acme Builders Ltd"),
])
def test_the_same_party_written_differently_matches(a, b):
    assert name_score(a, b) >= 80


@pytest.mark.parametrize("a, b", [
    ("Tom Baker", "Tom Baxter"), ("Helen Marsh", "Helen Marshall"), ("Owen Price", "Owen Pryce-Jones"),
    ("John Brown", "John Smith"), ("Smith", "John Smith"), ("Rachel Whitmore", "Rachel Whitman"),
    ("Northfield Joinery Ltd", "Northgate Joinery Limited"), ("Sarah Lee", "Sarah Leeds Ltd"),
])
def test_a_different_party_does_not(a, b):
    assert name_score(a, b) == 0


def _clients(tmp_path, text):
    p = tmp_path / "clients.csv"
    p.write_text(text, encoding="utf-8")
    return load_clients(p)


def test_clients_csv_detail_and_bad_files(tmp_path):
    cl = _clients(tmp_path, "name,matter,role\n\"Doe, Mark\",Doe v Doe,opposing party\nAcme Builders Ltd,Lease,client\n")
    assert [p.name for p in cl.parties] == ["Doe, Mark", "Acme Builders Ltd"]
    [c] = check(["Mark Doe"], clients=cl)
    assert c == {"name": "Mark Doe", "matched": "Doe, Mark", "where": "clients",
                 "detail": "matter: Doe v Doe; role: opposing party", "score": 1.0}
    two = _clients(tmp_path, "First Name,Last Name,Notes\nPriya,Sharma,sale\n")
    assert check(["Priya Sharma"], clients=two)[0]["detail"] == "Notes: sale"
    with pytest.raises(ClientListError, match='no "name" column'):
        _clients(tmp_path, "client,matter\nA B,x\n")
    with pytest.raises(ClientListError, match="line 2 has 3 cells"):
        _clients(tmp_path, "name,matter\nSmith, John,x\n")
    with pytest.raises(ClientListError, match="empty"):
        _clients(tmp_path, "")


def test_earlier_leads_and_the_library_are_checked(tmp_path):
    law = load_rubric()
    first = assess(inquiry_from_text("From: Jane Doe <jane@example.com>\nSubject: Divorce\n\n"
                                     "I need help with my divorce from my husband, Mark Doe.\n"), law).as_json()
    assert "Mark Doe" in other_parties(first["inquiry"]["text"], ["Jane Doe"])
    second = assess(inquiry_from_text("From: Mark Doe <mark@example.com>\nSubject: Divorce\n\nMy wife wants a divorce.\n"),
                    law, earlier=[first]).as_json()
    assert [(c["name"], c["matched"], c["where"]) for c in second["conflicts"]] == [("Mark Doe", "Mark Doe", "leads")]
    assert first["file"] in second["conflicts"][0]["detail"]
    # the same person writing again is a duplicate (merged by the pipeline), not a conflict
    again = assess(inquiry_from_text("From: Jane Doe <jane@example.com>\nSubject: Divorce\n\nAny news on my divorce?\n"),
                   law, earlier=[first, second]).as_json()
    assert again["conflicts"] == []

    def library(name):
        return [Hit("/docs/lease.pdf", 3, 1.0, "This lease is made between Gregory Hale and the tenant.")]

    got = assess(inquiry_from_text("My landlord, Gregory Hale, wants to evict me. liam@example.com"), law,
                 library=library).as_json()
    assert [(c["name"], c["where"], c["detail"]) for c in got["conflicts"]] == \
        [("Gregory Hale", "library", "named in /docs/lease.pdf p.3")]


def test_parties_named_in_an_inquiry():
    text = ("I am in a dispute with Acme Builders Ltd. My landlord, Gregory Hale, is also involved. "
            "The seller is Priya Sharma. I spoke to Citizens Advice in Leeds City Centre.")
    got = other_parties(text, ["Jane Doe"])
    assert got[:3] == ["Acme Builders Ltd", "Gregory Hale", "Priya Sharma"]
    assert "Citizens Advice" not in got and "Leeds City Centre" not in got


def test_a_party_named_after_any_relation_said_with_a_possessive():
    from core.leads.conflicts import other_parties

    assert other_parties("I complained about my line manager, Tom Baxter, last week.", []) == ["Tom Baxter"]
    assert other_parties("but my cousin Helen Marshal, who lives in Leeds, disagrees", []) == ["Helen Marshal"]


def test_a_titled_full_name_is_a_party_without_its_title():
    from core.leads.conflicts import other_parties

    assert other_parties("The seller is a Mrs Helen Marshall and her agent has asked", []) == ["Helen Marshall"]
    assert other_parties("and the landlord, Mr Owen Pryce Jones, has ignored every message", []) == ["Owen Pryce Jones"]
    assert other_parties("Dear Sir or Madam, I am writing from Leeds.", []) == []


def test_a_party_named_after_a_role_with_an_article():
    from core.leads.conflicts import other_parties

    assert other_parties("I rent a house from a private landlord, Gregory Hale. The boiler is broken.", []) == \
        ["Gregory Hale"]


LISTED = ["Gregory Hale", "John Smith", "Sharma, Priya", "Acme Builders Ltd", "Helen Marshall", "Tom Baxter",
          "Margaret Allison", "Owen Pryce-Jones", "Kessler Foods (UK) Ltd", "Rachel Whitman", "Sarah Lee"]


@pytest.mark.parametrize("text, said, matched", [
    ("my old boss margaret allison said I could", "margaret allison", "Margaret Allison"),
    ("HALE, Gregory is the landlord", "HALE, Gregory", "Gregory Hale"),
    ("The other side is Rachel J. Whitman.", "Rachel J. Whitman", "Rachel Whitman"),
    ("Greg Hale owns the flat", "Greg Hale", "Gregory Hale"),
    ("Maggie Allison was my manager", "Maggie Allison", "Margaret Allison"),
    ("the work done by Acme's builders", "Acme's builders", "Acme Builders Ltd"),
    ("we buy from kessler foods every week", "kessler foods", "Kessler Foods (UK) Ltd"),
    ("my landlord (owen pryce jones) will not answer", "owen pryce jones", "Owen Pryce-Jones"),
    ("Mr Hale, my landlord, has kept the deposit", "Mr Hale", "Gregory Hale"),
    ("the seller, Priya Sharmah, has pulled out", "Priya Sharmah", "Sharma, Priya"),
])
def test_the_inquirys_words_are_read_against_the_list_in_any_case(text, said, matched):
    from core.leads.conflicts import scan

    assert scan(text, LISTED) == [(said, matched, pytest.approx(scan(text, LISTED)[0][2]))]


@pytest.mark.parametrize("text", [
    "Tom Baker and Helen Marsh are my neighbours", "Northgate Dental Ltd sent a bill", "my boss John shouts",
    "my landlord is Gregory Hall", "Owen Price is my brother", "Dear Mr Smith, I write about my flat",
    "I sold my car to Sarah Leeming", "we use Acme Scaffolding", "rachel whitmore is my sister",
])
def test_other_people_and_greetings_are_not_matched(text):
    from core.leads.conflicts import scan

    assert scan(text, LISTED) == []


def test_a_title_and_surname_is_the_writer_when_it_is_their_own_surname():
    from core.leads.conflicts import scan

    assert scan("Mrs Lee here again about the lease", LISTED, own=["Jenny Lee"]) == []
    assert scan("Mrs Lee here again about the lease", LISTED) == [("Mrs Lee", "Sarah Lee", 80.0)]


def test_a_party_in_the_quoted_message_of_a_reply_is_found(tmp_path):
    csv = tmp_path / "clients.csv"
    csv.write_text("name,role\nMargaret Allison,client\n", encoding="utf-8")
    text = ("From: Ann Roe <ann@example.com>\nSubject: Re: my job\n\nYes, Thursday is fine for a call.\n\n"
            "On Mon, 4 May 2026, Ann Roe wrote:\n> My manager margaret allison dismissed me last week.\n")
    got = assess(inquiry_from_text(text), load_rubric(), clients=load_clients(csv)).as_json()
    assert [(c["name"], c["matched"]) for c in got["conflicts"]] == [("margaret allison", "Margaret Allison")]
