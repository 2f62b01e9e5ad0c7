"""Places known by county and country, urgency in everyday time words, budgets in words, two
people who write together, a phone note's caller: the kinds of wording the rubric's own lists
do not hold."""
from __future__ import annotations

import pytest

from core.leads import phrases as ph
from core.leads import places
from core.leads.assess import assess
from core.leads.fields import person_name
from core.leads.intake import inquiry_from_text
from core.leads.rubric import load_rubric


@pytest.fixture(scope="module")
def law():
    return load_rubric(office="law")


@pytest.fixture(scope="module")
def clinic():
    return load_rubric(office="clinic")


def lead(text, rubric, **kw):
    return assess(inquiry_from_text(text), rubric, **kw).as_json()


@pytest.mark.parametrize("place, office, where", [
    ("Ilkley", "law", "in"),            # a West Yorkshire town the rubric does not list
    ("Skipton", "law", "in"),           # North Yorkshire
    ("Aberdeen", "law", "out"),         # Scotland is outside
    ("Leeds", "law", "in"),
    ("Clevedon", "clinic", "in"),       # North Somerset -> Somerset
    ("Yate", "clinic", "in"),           # South Gloucestershire
    ("weston super mare", "clinic", "in"),
    ("Manchester", "clinic", "out"),
    ("Bradford-on-Avon", "law", "in"),  # England, which the law firm lists; not by way of Bradford
    ("Bradford-on-Avon", "clinic", ""),  # Wiltshire: neither listed inside nor outside
    ("Atlantis", "law", ""),
])
def test_a_place_is_placed_by_its_county_and_country(place, office, where, law, clinic):
    assert places.status(place, law if office == "law" else clinic)[0] == where


def test_the_location_is_the_place_as_written_and_scored_by_where_it_is(law, clinic):
    got = lead("Our neighbour in Ilkley has moved the fence onto our land. g@example.com", law)
    assert got["lead"]["location"] == "Ilkley"
    area = next(r for r in got["reasons"] if r["criterion"] == "service area")
    assert area["points"] == 20 and "West Yorkshire" in area["detail"]
    got = lead("We live in Aberdeen and my ex has stopped paying maintenance. k@example.com", law)
    assert got["lead"]["location"] == "Aberdeen"
    assert next(r for r in got["reasons"] if r["criterion"] == "service area")["points"] < 0
    # hyphens or spaces, the same town
    assert ph.find_location("Based in Weston super Mare.", clinic).value == "Weston super Mare"
    # a longer place is not read as the shorter one inside it
    assert ph.find_location("I live in Bradford on Avon and cycle.", law).value == "Bradford on Avon"
    # a district and its town on one line are one place, as written; across an address's lines, the town
    assert ph.find_location("a flat in Headingley,\nLeeds (LS6).", law).value == "Leeds"
    f = ph.find_location("I have a flat in Headingley, Leeds and want to sell it.", law)
    assert f.value == "Headingley, Leeds" and places.status(f.value, law)[0] == "in"
    assert ph.find_location("Our depot is in Avonmouth, Bristol.", clinic).value == "Avonmouth, Bristol"
    # a list of towns is no district and its town
    assert ph.find_location("I work in Leeds, Bradford and York.", law).value != "Leeds, Bradford"
    assert ph.find_location("a hearing at Bradford Magistrates", law).value == "Bradford"
    assert ph.find_location("I rented a house on Heslington Road, York YO10 until May", law).value == "York"
    # a postcode alone, after "in"
    f = ph.find_location("I am in BS5 and free most mornings.", clinic)
    assert f.value == "BS5" and places.status(f.value, clinic)[0] == "in"
    # a motorway is no postcode, and a place needs a cue
    assert ph.find_location("I drive the M62 every day to see Leeds United.", law).value is None


@pytest.mark.parametrize("text, want", [
    ("Please ring me today if you can.", "today"),
    ("Could I be seen before the weekend?", "before the weekend"),
    ("solicitors instructed within a fortnight", "within a fortnight"),
    ("we sign at the end of the month.", "end of the month"),
    ("a deep tissue session next Tuesday if possible", "next Tuesday"),
    ("They want that I sign a paper until Friday.", "until Friday"),
    ("She has a county trial in two weeks.", "in two weeks"),
    ("a new dentist starting on 1 April 2026.", "1 April 2026"),
    ("told to attend court in Wakefield on 2 April.", "2 April"),
    ("Can one of your physios come out straight away?", "straight away"),
    ("Is there any chance of an appointment on Thursday?", "on Thursday"),
    ("Could someone see him this afternoon?", "this afternoon"),
    ("I'm running the Bristol half in three weeks.", "in three weeks"),
    ("a sports massage the week before my triathlon on 12 April?", "12 April"),
    # not urgency: a rule's period, a change some way off, a past date
    ("Can a company charge me for something I cancelled within 14 days?", None),
    ("My employer wants to move me to nights from next month.", None),
    ("She died on 3 November and left a house.", None),
    ("I have the Bath Half in five weeks.", None),
    ("He collapsed this morning and is resting now.", None),
    ("he has sent me a letter saying I must leave by 31 January.", "by 31 January"),
    ("The seller wants to complete before Christmas, so I need someone now.", "before Christmas"),
    ("HR want a meeting with me on 3 December.", "3 December"),
    ("My daughter is getting married on 19 December and I want to walk.", "19 December"),
    ("I have only around 3 weeks left to make the claim.", "only around 3 weeks left"),
    ("I was free on Monday but nobody answered.", "on Monday"),
    ("I work shifts, so as soon as you can fit me in would be great.", "as soon as you can"),
    ("The building society wants to hear from whoever is handling it by the end of January.",
     "by the end of January"),
    ("She came on a spouse visa in 2024 and it runs out in February.", "runs out in February"),
    ("Can one of your physios come now? We're in Keynsham.", "now"),
    ("His lips are swelling, can someone see him right now??", "right now"),
    ("We need to move quickly on the purchase.", "move quickly"),
    ("I'm racing a sprint triathlon on Saturday the 12th and would love a massage.", "Saturday the 12th"),
    # "now" as a state, not a request
    ("It started aching and now going down stairs is painful.", None),
    ("Could you look at my shoulder? It is fine now on most days.", None),
])
def test_urgency_in_everyday_time_words(text, want, law):
    assert ph.find_urgency(text, law).value == want


@pytest.mark.parametrize("text, want", [
    ("It might cost around six hundred pounds for the two of us, which would be fine.", 600),
    ("We can spend up to one thousand five hundred\npounds on this.", 1500),
    ("I can afford about forty pounds a session.", 40),
    ("We have a budget of around two and a half thousand pounds for the year.", 2500),
    ("Budget circa £3k.", 3000),
    ("Our budget for this is EUR 2.000. Please send an offer.", 2000),
    ("I can pay twenty-five pounds a session.", 25),
    ("My work is in Keynsham. £65 a session is fine.", 65),
    ("I can put about £2,000 towards it to start with.", 2000),
    ("I paid twenty-five pounds last time.", None),  # what they paid before is no budget
    ("I've put aside around two thousand pounds for the legal side.", 2000),
    ("I've only got about a hundred and fifty\npounds for it, as the repairs took my savings.", 150),
    ("Now is difficult to sleep. I can pay 65 pounds. Is possible tomorrow?", 65),
    ("We have £400 set aside. Please call me.", 400),
    ("I am on my pension and can only manage £150 at\nthe most.", 150),
    ("We can't run to more than £150 between us.", 150),
    ("It is about £60 a session, which is fine.", 60),
    ("He owes me £2,000 and I want to pay someone to chase it.", None),  # a debt, not a budget
    ("The landlord kept my £950 deposit, though I can pay.", None),
    # an amount that is not what they will pay: no budget
    ("My ex owes me a hundred pounds.", None),
    ("The landlord kept all of my deposit.", None),
])
def test_a_budget_in_words(text, want):
    assert ph.find_budget(text).value == want


def test_a_budget_in_words_counts_against_the_minimum(clinic):
    got = lead("I need someone to talk to, counselling maybe. I work in Bristol. I can afford about forty "
               "pounds a session. c@example.com", clinic)
    assert got["lead"]["budget"] == 40
    assert next(r for r in got["reasons"] if r["criterion"] == "budget")["points"] < 0


@pytest.mark.parametrize("text, want", [
    ("Arthur and Joan Bell", "Arthur and Joan Bell"),
    ("Gary & Linda Firth", "Gary & Linda Firth"),
    ("Smith and Jones", None),             # a firm, or two surnames: not one contact
    ("Sales and Marketing Team", None),
    ("Tom and Jerry Ltd", None),
])
def test_two_people_who_write_together_are_one_contact(text, want):
    assert person_name(text) == want


def test_a_couple_in_a_web_form_keeps_both_names(law, tmp_path):
    from core.leads.intake import read_inquiries

    f = tmp_path / "form.csv"
    f.write_text("Name,Email,Message\nArthur and Joan Bell,ab@example.com,\"We would like to update our wills. "
                 "We live in York.\"\n", encoding="utf-8")
    (inq,) = read_inquiries(f)
    assert assess(inq, law).as_json()["lead"]["name"] == "Arthur and Joan Bell"


def test_a_phone_note_names_its_caller(law):
    got = lead("Phone note, 18 March 2026, reception.\n\nCarol Dunne rang about her son Ryan. Please call her "
               "back on 01924 960771.", law)
    assert got["lead"]["name"] == "Carol Dunne"


def test_a_service_named_in_the_subject_earns_its_points(law):
    inq = inquiry_from_text("Subject: Associate dentist contract\n\nI own a practice in Harrogate and need an "
                            "associate agreement drawn up. Budget £750. s@example.com")
    got = assess(inq, law).as_json()
    service = next(r for r in got["reasons"] if r["criterion"] == "service")
    assert got["lead"]["need"] == "Business contracts" and service["points"] == 40 and service["quote"] == "contract"
    assert got["tier"] == "hot"


def test_an_excluded_request_about_a_service_word_is_excluded(clinic):
    got = lead("Hi do you do the weight loss injections, can you prescribe them? I'm in Bristol. k@example.com", clinic)
    assert got["tier"] == "disqualified" and got["lead"]["need"] is None
    # the service asked for in a sentence of its own is a second matter: reported, not disqualifying
    got = lead("I would like a diet plan for weight loss. Could you also prescribe something for my IBS? I'm in Bristol. "
               "k@example.com", clinic)
    assert got["tier"] != "disqualified" and got["lead"]["need"] == "Dietetics"


def test_a_two_word_keyword_in_another_order(clinic, law):
    from core.leads.score import keyword_hits, loose_re

    got = lead("I have very strong pain in low back from 3 days. I live in Bristol. a@example.com", clinic)
    assert got["lead"]["need"] == "Physiotherapy" and got["fields"]["need"]["source"] == "pain in low back"
    assert loose_re("my will") is None  # a keyword with a small word stays exact
    assert not keyword_hits("my back. Pain came later", clinic.services, loose=True)  # not across sentences
    # exact words still outweigh a loose match
    hits = keyword_hits("arrears of rent and a possession order", law.services, loose=True)
    assert hits[0].service == "Landlord and tenant" and hits[0].weight == 2.5


@pytest.mark.parametrize("text, field, want", [
    ("my GP suggested I see a podiatrist for my feet", "referral", "GP"),
    ("We were recommended to you by our estate agent.", "referral", "our estate agent"),
    ("Please telephone rather than email, as I am not often at the computer.", "contact", "phone"),
    ("A yes or no answer by email is enough.", "contact", "email"),
    ("Please don't telephone me at work.", "contact", None),
    ("I'd like to talk to someone about it, and would prefer\nto hear back by email.", "contact", "email"),
    ("I'd rather be contacted by email as I can't take calls at work.", "contact", "email"),
    ("Write me on email please.", "contact", "email"),
    ("Email is easiest for me during the day.", "contact", "email"),
    ("Evenings would suit me best, and a phone\ncall is fine: 07700 900258.", "contact", "phone"),
    ("My telefon 07700 900271, better after 3 o'clock.", "contact", "phone"),
    ("Asked for a call back rather than a letter.", "contact", "phone"),
    ("Any slots? Text is best: 07700 900286.", "contact", "text"),
    ("I sent an email last week and nobody answered.", "contact", None),
])
def test_referral_and_contact_in_other_words(text, field, want):
    f = ph.find_referral(text) if field == "referral" else ph.find_preferred_contact(text)
    assert f.value == want


def test_a_place_inside_replaces_the_writers_own_only_with_a_strong_cue(law):
    # the writer lives outside the area; a relative "in Leeds" is not where the matter is
    f = ph.find_location("He lived in Inverness and I also live in Inverness. A cousin in Leeds recommended you.", law)
    assert f.value == "Inverness"
    f = ph.find_location("I am in Spain at the moment, but my mother lived in Leeds.", law)
    assert f.value == "Leeds" and f.notes


def test_a_form_label_names_the_referral():
    f = ph.find_referral("Name: Andrew Lacey\nHow did you hear about us: My GP\n\nI have type 2 diabetes.")
    assert (f.value, f.method) == ("My GP", "label")


@pytest.mark.parametrize("text, want", [
    ("I live in Boroughbridge and my employer has cut my hours.", "Boroughbridge"),
    ("We have two houses in Easingwold that we rent out.", "Easingwold"),
    ("We moved to Newton-le-Willows last year.", "Newton-le-Willows"),
    ("The hearing is in March and I work at home.", None),  # a month and a word, not towns
    ("I live in Ilkley, West Yorkshire, and need a will.", "Ilkley, West Yorkshire"),  # town and county as written
    ("I live in Headingley, Leeds.", "Headingley, Leeds"),  # a district and its town, as written
    ("I have a flat in Lisburn, Northern Ireland.", "Lisburn"),  # a town, not its country
])
def test_a_town_no_list_names_is_found_on_the_map_after_words_that_say_where(text, want, law):
    assert ph.find_location(text, law).value == want


@pytest.mark.parametrize("text, want", [
    ("My GP thinks it's a frozen shoulder and suggested I try physio.", "My GP"),
    ("A friend from work mentioned your clinic.", "A friend from work"),
    ("I'm in Plymouth, but a friend in Bristol rates you very highly.", "a friend in Bristol"),
    ("My friend Tasha said you lot might be able to help me.", "My friend Tasha"),
    ("The estate agent, Verity Homes, gave me your name.", "Verity Homes"),
    ("We live in York. Our neighbour, Mrs Pollard, said you were very kind.", "Mrs Pollard"),
    ("I was recommended by a friend at Bath Harriers.", "a friend at Bath Harriers"),
    ("I'm in Montpelier. Saw you on Instagram.", "Instagram"),
    ("I found your firm online and wondered", "online"),
    ("Do you have anything? A friend at my tri club recommended you.", "A friend at my tri club"),
    ("Not good on stairs. His neighbour recommended us.", "His neighbour"),
    ("No date given. Found us through his union rep. Lives in Morley.", "his union rep"),
    ("My budget is £900. A colleague who used you for a house in Leeds recommended you.", "A colleague"),
    ("I was given your details by our accountant, who said your firm had helped.", "our accountant"),
    ("I am painter. My colleague tell me your clinic is good.", "My colleague"),
    ("Another club in our league recommended you.", "Another club in our league"),
    # what someone said that sends nobody to the office
    ("My GP said it was a sprain and it would settle.", None),
    ("My manager said I was lazy.", None),
    ("Then she said you would never win.", None),
])
def test_who_sent_the_writer_in_everyday_words(text, want):
    assert ph.find_referral(text).value == want


@pytest.mark.parametrize("text, want", [
    ("im in southville, can u see me this week", "southville"),
    ("we live in clifton and my knee is bad", "clifton"),
    ("I need to get in bath every night for my back", None),  # a bath, not Bath
])
def test_a_place_typed_in_lower_case_after_words_that_say_where_someone_is(text, want):
    from core.leads.rubric import load_rubric

    assert ph.find_location(text, load_rubric(office="clinic")).value == want


def test_where_a_relative_lives_is_not_the_place_and_the_first_place_said_wins():
    law = load_rubric(office="law")
    text = ("My mother lived on her own in Harrogate and I am executor with my brother, who lives in Perth, "
            "Australia and is no help.")
    assert ph.find_location(text, law).value == "Harrogate"
    assert ph.find_location("I live in Leeds now but grew up in Newcastle upon Tyne.", law).value == "Leeds"


def test_a_weekdays_date_belongs_to_the_deadline_and_a_house_price_is_no_budget():
    law = load_rubric(office="law")
    assert ph.find_urgency("They want it signed by Friday 8 May. We have", law).value == "by Friday 8 May"
    assert ph.find_urgency("a disciplinary meeting next Tuesday 21 April, in the letter", law).value == \
        "next Tuesday 21 April"
    assert ph.find_budget("The price is £385,000, it is freehold. Our budget for the legal fees is around "
                          "£1,200 plus searches.").value == 1200


@pytest.mark.parametrize("text, want", [
    ("Caller: Mr Alan Cribb, 68, Nailsea\nWants physio for his knee.", "Nailsea"),
    ("I live in Bradford on Avon, just outside Bath, and could come in on the bus.", "Bradford on Avon"),
    ("I'm buying a tenement flat in Leith, Edinburgh and wondered if you could act.", "Leith, Edinburgh"),
    ("We are selling our house on the edge of Otley, where we have lived for years.", "Otley"),
    ("I do the office side of Avon Valley Roofing in Bradley Stoke.", "Bradley Stoke"),
])
def test_places_said_in_more_ways(text, want, law):
    rubric = law if "Leith" in text or "Otley" in text else load_rubric(office="clinic")
    assert ph.find_location(text, rubric).value == want


def test_a_signature_address_gives_the_place_when_the_body_names_none(clinic):
    got = lead("From: Rachel Ferris <r.ferris@sodbury.co.uk>\nSubject: Quote\n\nCould you quote for occupational "
               "health assessments for our 40 staff? Budget about £2,500.\n\nRachel Ferris\nOperations Manager\n"
               "Unit 7, Station Road Industrial Estate, Yate, BS37\n", clinic)
    assert got["lead"]["location"] == "Yate"
    assert any(r["criterion"] == "service area" and r["points"] > 0 for r in got["reasons"])


@pytest.mark.parametrize("text, want", [
    ("I'd like to get it sorted before my holiday on 9 May if I can.", "before my holiday on 9 May"),
    ("Could someone see me in the next fortnight?", "in the next fortnight"),
    ("At my last check-up the nurse told me my blood sugar is now too high.", None),
])
def test_urgency_set_by_the_writers_own_plans(text, want, law):
    assert ph.find_urgency(text, law).value == want


@pytest.mark.parametrize("text, want", [
    ("Can I bring him over to you this morning? We are in Bath.", "this morning"),
    ("Want it done before my sisters wedding on the 12th. im in Bristol", "before my sisters wedding on the 12th"),
    ("We'd like to see someone before her trials at the end of June.", "before her trials at the end of June"),
    ("I can raise a dispute but the window closes in ten days.", "closes in ten days"),
    ("The letter says I have 14 days to respond.", "14 days to respond"),
])
def test_urgency_from_a_visit_asked_for_or_a_period_left(text, want, law):
    assert ph.find_urgency(text, law).value == want


def test_the_property_being_bought_is_the_place_not_a_referrers_town(law):
    text = ("I need a conveyancing solicitor for the purchase of a flat in Leith, Edinburgh. A colleague who used "
            "you for a house in Leeds recommended you.")
    assert ph.find_location(text, law).value == "Leith, Edinburgh"


@pytest.mark.parametrize("text, want", [
    ("We've been quoted £900 elsewhere, which seems a lot. Could you do it for £350?", 350),
    ("I am a pensioner and I cannot go over thirty-five pounds.", 35),
])
def test_a_budget_said_as_a_limit(text, want):
    assert ph.find_budget(text).value == want


@pytest.mark.parametrize("text, want", [
    ("ive worked at a distribution warehouse in castleford for 4 yrs", "castleford"),
    ("His mum has moved my son to Ripon without telling me.", "Ripon"),
    ("Regards\nUnit 4, Bankfield Mills, Huddersfield", "Huddersfield"),
    ("Caller wants a new will.\nLives: Morley", "Morley"),
    ("I lay in bath all day with my back.", None),  # an everyday word typed in lower case is no town
])
def test_places_typed_in_lower_case_on_an_address_line_or_a_label(text, want, law):
    assert ph.find_location(text, law).value == want


def test_a_place_in_brackets_after_a_sign_off(clinic):
    assert ph.find_location("Should I use ice or heat? Cheers, Ollie (Southville)", clinic).value == "Southville"


def test_someone_elses_move_does_not_move_the_writer(law):
    text = "I live in Edinburgh with our two daughters. My ex-husband stopped paying since he moved to Leeds."
    assert ph.find_location(text, law).value == "Edinburgh"


def test_a_reception_note_that_opens_with_who_it_is_about(clinic):
    got = lead("Reception - phone msg Tue 5 May, 11:20 (Jas)\n\nNadine Coker, lives in Southville. Would like to see "
               "one of the counsellors this week if poss. Mob 07700900863, please ring her back.", clinic)
    assert got["lead"]["name"] == "Nadine Coker" and got["lead"]["phone"] == "+447700900863"


@pytest.mark.parametrize("text, want", [
    ("My dad lives on his own in Keynsham and had a fall. I live in London so I can't be there.", "Keynsham"),
    ("1. We're in Tadcaster - we moved here from Manchester in the autumn.", "Tadcaster"),
    ("need a solicitor to look over a supply agreement. based wakefield. budget £1.5k", "wakefield"),
    ("Caller: Alison Brearley, PA to the director of Colne Valley Precision Engineering Ltd, Huddersfield.",
     "Huddersfield"),
])
def test_the_place_the_matter_is_in_said_first(text, want, law):
    rubric = load_rubric(office="clinic") if "Keynsham" in text else law
    assert ph.find_location(text, rubric).value == want


def test_a_deadline_said_to_be_absent_is_no_urgency(law):
    assert ph.find_urgency("2. No deadline really, we just keep putting it off.", law).value is None
    assert ph.find_urgency("any physio slots tmrw?? call me", law).value == "tmrw"


def test_a_place_moved_from_is_not_where_the_writer_lives(law):
    assert ph.find_location("I live in Barnsley now (we moved down from Wakefield two years ago).", law).value == "Barnsley"
    assert ph.find_budget("need physio on my knee. skint tbh so can only do about £35.").value == 35


def test_a_reply_a_letter_asks_for_and_a_city_typed_in_lower_case(law):
    text = "we're a small print shop in leeds. the letter says we have to put our response in within 28 days."
    assert ph.find_urgency(text, law).value == "within 28 days"
    assert ph.find_location(text, law).value == "leeds"
    assert ph.find_location("my feet ache when i lie in bath at night", load_rubric(office="clinic")).value is None
