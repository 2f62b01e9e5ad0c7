"""Writes expected_heldout4.json: a fourth held-out set (21 inquiries) where what the person
needs is said in everyday words and none of the rubric's service keywords; written, with its
expectations by the rubric's rules as a person at the office reads them, before the meaning
step existed and before any code's output on it was seen. Never used to choose a threshold."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from make_expected import C, L, e  # noqa: E402

X = {
    "law/R01_split_kids.eml": e(L, "warm", "Mark Ashworth", "mark.ashworth@gmail.com", None, None, "Family law", "Leeds", notes="splitting up, who the children live with"),
    "law/R02_offer_accepted.eml": e(L, "hot", "Priya Nair", "priya.nair@outlook.com", "+447700900912", None, "Conveyancing", "Leeds", None, "as soon as possible", notes="an offer accepted on a house: the legal side of the move"),
    "law/R03_let_go.eml": e(L, "warm", "Shaun Riley", "shaunriley@hotmail.co.uk", "+447700900927", None, "Employment law", "Bradford", notes="told not to come back after complaining"),
    "law/R04_grandchild_savings.eml": e(L, "hot", "Eileen Dawson", "eileen.dawson@btinternet.com", "+441904960233", None, "Wills and probate", "York", 600, notes="a will not called one"),
    "law/R05_mum_affairs.eml": e(L, "warm", "Gareth Lloyd", "gareth.lloyd@gmail.com", "+447700900938", None, "Wills and probate", "Wakefield", notes="an estate to administer, named in the paperwork"),
    "law/R06_flat_not_paid.eml": e(L, "warm", "Deborah Quinn", "deb.quinn@yahoo.co.uk", "+447700900944", None, "Landlord and tenant", "Huddersfield", notes="tenants not paying rent, not called tenants"),
    "law/R07_mould_told_to_leave.eml": e(L, "hot", "Jordan Pike", "jordan.pike@gmail.com", None, None, "Landlord and tenant", "Harrogate", None, "by the end of the month", notes="a tenant told to leave; a deadline"),
    "law/R08_bakery_owed.eml": e(L, "warm", "Tom Firth", "tom@kirkgatebakery.co.uk", "+441134960388", "Kirkgate Bakery Ltd", "Business contracts", "Leeds", notes="a customer's debt; the sum owed is not a budget"),
    "law/R09_two_founders.eml": e(L, "hot", "Hannah Sykes", "hannah@loopstack.io", "+447700900956", "Loopstack Ltd", "Business contracts", "York", 1500, notes="a shareholder agreement not called one"),
    "law/R10_fiancee_philippines.eml": e(L, "disqualified", "Craig Holmes", "craig.holmes@gmail.com", "+447700900963", None, None, "Leeds", notes="a fiancée coming to live here: immigration, not taken"),
    "law/R11_police_laptop.eml": e(L, "disqualified", "Susan Marr", "susan.marr@outlook.com", "+447700900971", None, None, "Bradford", None, "next Tuesday", notes="a police interview: criminal defence, not taken"),
    "law/R12_found_online.eml": e(L, "disqualified", None, "hello@brightpath-reach.com", notes="marketing sold to the office, no spam keyword"),
    "clinic/S01_elbow_bike.eml": e(C, "hot", "Ellie Sanders", "ellie.sanders@gmail.com", "+447700900981", None, "Physiotherapy", "Bristol", None, "this week"),
    "clinic/S02_since_dad_died.eml": e(C, "warm", "Rebecca Hale", "rebecca.hale@outlook.com", None, None, "Counselling", "Bath", notes="grief not called grief; the name is in the header only"),
    "clinic/S03_hard_skin.eml": e(C, "warm", "Peter Gould", "peter.gould@talktalk.net", "+447700900990", None, "Podiatry", "Keynsham", notes="hard skin on the sole of the foot"),
    "clinic/S04_blood_sugar.eml": e(C, "warm", "Anita Shah", "anita.shah@gmail.com", None, None, "Dietetics", "Portishead", notes="what to eat, not called diet or nutrition"),
    "clinic/S05_calves_half.eml": e(C, "hot", "Luke Bennett", "luke.bennett@gmail.com", "+447700900915", None, "Sports massage", "Bristol", None, "in three weeks", notes="a race in three weeks is the deadline"),
    "clinic/S06_staff_off.eml": e(C, "warm", "Jane Hollis", "jane@hollispike.co.uk", "+441225960412", "Hollis & Pike Accountants", "Occupational health", "Bath", notes="staff off sick, advice on coming back"),
    "clinic/S07_forehead_lines.eml": e(C, "disqualified", "Chloe Barker", "chloe.barker@gmail.com", "+447700900923", None, None, "Bristol", notes="anti-wrinkle injections: cosmetic, not taken"),
    "clinic/S08_dad_speech.eml": e(C, "disqualified", "Martin Lowe", "martin.lowe@gmail.com", "+447700900934", None, None, "Clifton", None, "this afternoon", notes="signs of a stroke: an emergency first"),
    "clinic/S09_cards_offer.eml": e(C, "disqualified", None, "sales@printhouse-west.co.uk", notes="a supplier's offer, no spam keyword"),
}

if __name__ == "__main__":
    out = Path(__file__).with_name("expected_heldout4.json")
    out.write_text(json.dumps(X, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(len(X), "inquiries ->", out)
