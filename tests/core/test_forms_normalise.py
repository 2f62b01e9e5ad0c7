import pytest

from core.fields import normalise as nz


@pytest.mark.parametrize("text, iso", [
    ("14/07/1971", "1971-07-14"), ("3 March 1980", "1980-03-03"), ("March 3, 1980", "1980-03-03"),
    ("1999-12-31", "1999-12-31"), ("1st Feb 2024", "2024-02-01"), ("31.01.2025", "2025-01-31")])
def test_dates_become_iso(text, iso):
    assert nz.normalise("date", text) == (iso, True)


@pytest.mark.parametrize("text", ["next Tuesday", "14/07/1971 and 3 May", "32/13/2020", "12 Orchard Lane"])
def test_what_is_not_one_date_is_not_a_date(text):
    assert nz.normalise("date", text)[1] is False


def test_phones_emails_postcodes_ids():
    assert nz.normalise("phone", "07700 900123") == ("+447700900123", True)
    assert nz.normalise("phone", "+44 20 7946 0958") == ("+442079460958", True)
    assert nz.normalise("phone", "12 Orchard Lane")[1] is False
    assert nz.normalise("email", "M.Ellison@Example.org") == ("m.ellison@example.org", True)
    assert nz.normalise("email", "m.ellison@")[1] is False
    assert nz.normalise("postcode", "bs1 4dj") == ("BS1 4DJ", True)
    assert nz.normalise("postcode", "hello")[1] is False
    assert nz.normalise("id", "943 476 5919") == ("9434765919", True)
    assert nz.normalise("id", "inv-2025-0042") == ("INV-2025-0042", True)
    assert nz.normalise("id", "Conveyancing")[1] is False


def test_money_and_currency():
    assert nz.parse_money("£1,250.50") == (1250.5, "GBP")
    assert nz.parse_money("EUR 99.00") == (99.0, "EUR")
    assert nz.parse_money("12.00 USD") == (12.0, "USD")
    assert nz.parse_money("about twelve") is None
    assert nz.parse_currency("£14.20") == "GBP"
    assert nz.normalise("money", "$3.50") == (3.5, True)


def test_names_lists_booleans():
    assert nz.normalise("name", "Dr Anna Kowalski") == ("Dr Anna Kowalski", True)
    assert nz.normalise("name", "see attached")[1] is False
    assert nz.normalise("list", "penicillin, latex and peanuts") == (["penicillin", "latex", "peanuts"], True)
    assert nz.normalise("boolean", "Yes") == (True, True)
    assert nz.normalise("boolean", "No") == (False, True)
    assert nz.same_value("money", 10.0, 10.004) and not nz.same_value("money", 10.0, 10.02)


def test_the_document_says_which_country_its_numbers_are_in():
    assert nz.region_hint("Telefon: 030 1234567\nAnschrift: Hauptstraße 3, 10115 Berlin") == "DE"
    assert nz.region_hint("Tél. +33 1 42 68 53 00") == "FR"
    assert nz.region_hint("Flat 2, 14 Hill Road, Leeds LS6 2AB") == "GB"
    assert nz.region_hint("Please call me back tomorrow.") is None
    with nz.phone_region("DE"):
        assert nz.parse_phone("030 1234567") == "+49301234567"
    assert nz.parse_phone("030 1234567") == "+44301234567"
    assert nz.phone_doubt("030 1234567") and nz.phone_doubt("030 1234567", "DE") is None
    assert nz.parse_phone("0049 30 1234567") == "+49301234567"
    assert nz.phone_doubt("0161 496 0000") is None and nz.phone_doubt("07700 900123") is None  # fiction ranges


def test_a_home_number_in_a_letter_that_mentions_another_country_stays_a_home_number():
    from core.fields import normalise as nz

    with nz.phone_region("AU"):  # "I got back from Australia on Monday ... 07700 900431"
        assert nz.parse_phone("07700 900431") == "+447700900431"
        assert nz.parse_phone("0412 345 678") == "+61412345678"  # a number of that country is read there
    assert nz.region_hint("My flat is in Lisburn, Northern Ireland.") == "GB"
