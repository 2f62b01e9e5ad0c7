"""Writes expected_heldout3.json: a third held-out set (13 inquiries), written after all the
tuning on the first two held-out sets and run once, untuned; expectations by the rubric's
rules as a person at the office reads them, before the code's output was seen."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from make_expected import C, L, e  # noqa: E402

X = {
    "law/P01_husband_moved_out.eml": e(L, "warm", "Nicola Barraclough", "nicola.barraclough@gmail.com", None, None, "Family law", "Brighouse", notes="a separation not called one; Brighouse is West Yorkshire"),
    "law/P02_ads_partner.eml": e(L, "disqualified", None, "partners@localadnetwork.co", notes="advertising sold to the office"),
    "law/P03_will_small_budget.eml": e(L, "cold", "Derek Whitaker", "d.whitaker@btinternet.com", "+441423960512", None, "Wills and probate", "Harrogate", 450, notes="below the minimum budget"),
    "law/P04_copied_designs.eml": e(L, "disqualified", "Holly Marsden", "holly@hollymakes.co.uk", "+447700900803", None, None, "Leeds", notes="copied designs and brand name: intellectual property, not taken"),
    "law/P05_forwarded_invoices.eml": e(L, "warm", "Alan Greenwood", "alan@calderprint.co.uk", "+441422960177", "Calder Print Ltd", "Business contracts", "Hebden Bridge", notes="forwarded by reception; the invoices' total is not a budget"),
    "law/P06_buy_house_wetherby.eml": e(L, "hot", "Andrzej Kowalski", "a.kowalski@interia.pl", "+447700900815", None, "Conveyancing", "Wetherby", None, "by Monday", notes="non-native English; Wetherby is West Yorkshire"),
    "law/P07_cohabitation.eml": e(L, "warm", "Sam Ellis", "sam.ellis@outlook.com", None, None, "Family law", "York", notes="two people named; the deposit is not a budget"),
    "clinic/Q01_wrist.eml": e(C, "hot", "Tanya Morris", "tanya.morris@gmail.com", "+447700900822", None, "Physiotherapy", "Portishead", None, "on Thursday"),
    "clinic/Q02_podiatry_budget.eml": e(C, "cold", "Margaret Symes", "margaret.symes@talktalk.net", None, None, "Podiatry", "Bath", 55, notes="budget in words, below the minimum"),
    "clinic/Q03_chest.eml": e(C, "disqualified", "Colin Hardy", "colin.hardy@gmail.com", "+447700900836", None, None, "Bristol", None, "this morning", notes="chest pain and a numb arm: an emergency first"),
    "clinic/Q04_tape_offer.eml": e(C, "disqualified", None, "sales@physiosupplies-direct.com", notes="a supplier's offer"),
    "clinic/Q05_triathlon_frome.eml": e(C, "hot", "Will Hendry", "will.hendry@gmail.com", "+447700900844", None, "Sports massage", "Frome", None, "12 April", notes="Frome is Somerset; Bath also named"),
    "clinic/Q06_coeliac_cardiff.eml": e(C, "cold", "Rhian Pritchard", "rhian.pritchard@gmail.com", "+447700900851", None, "Dietetics", "Cardiff", notes="Cardiff is outside the area"),
}

if __name__ == "__main__":
    out = Path(__file__).with_name("expected_heldout3.json")
    out.write_text(json.dumps(X, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(len(X), "inquiries ->", out)
