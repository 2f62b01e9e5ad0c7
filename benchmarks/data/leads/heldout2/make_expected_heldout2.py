"""Writes expected_heldout2.json: the second held-out set (30 inquiries in 27 files), written
after the rules of the first 58 inquiries and before any tuning for it. The expectations are
what a person at the office reads in each inquiry with the rubric's rules in hand: places
known to be inside the listed counties count as inside the area (Halifax, Otley, Skipton
are in West or North Yorkshire; Clevedon, Nailsea, Yate, Thornbury in Somerset or South
Gloucestershire), places known to be far outside count as outside (Aberdeen, Swansea), a
matter the office does not take disqualifies however it is worded, and a budget in words
is a number. The code's output was not looked at while writing them."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from make_expected import C, L, e  # noqa: E402

X = {
    "law/M01_halifax_restructure.eml": e(L, "hot", "Marek Nowak", "marek.nowak@wp.pl", "+447700900318", None, "Employment law", "Halifax", None, "until Friday", notes="non-native English; a redundancy not called one; Halifax is West Yorkshire"),
    "law/M02_forwarded_flat.eml": e(L, "hot", "Callum Reid", "callum.reid@gmail.com", "+447700900362", None, "Conveyancing", "Leeds", None, "within a fortnight", notes="forwarded; the forwarder's 'today' is not the sender's; partner named too"),
    "law/M03_otley_wills_words.eml": e(L, "hot", "Margaret Holroyd", "mholroyd@btinternet.com", "+441943960118", None, "Wills and probate", "Otley", 600, None, None, "phone", notes="budget in words; husband named; Otley is West Yorkshire"),
    "law/M04_directory_spam.eml": e(L, "disqualified", None, "jordan@legalreach-growth.net", notes="marketing in words no spam list has"),
    "law/M05_son_court.txt": e(L, "disqualified", "Carol Dunne", None, "+441924960771", None, None, "Wakefield", None, "2 April", None, "phone", notes="criminal defence without 'arrested' or 'charged'; mother and son named"),
    "law/M06_deposit_york.eml": e(L, "warm", "Ayesha Siddiqui", "ayesha.siddiqui@outlook.com", None, None, "Landlord and tenant", "York", notes="the deposit's amount is not a budget"),
    "law/M07_just_yes_no.eml": e(L, "cold", "Stuart Ames", "stuart.ames@gmail.com", None, None, "Employment law", "Pudsey", None, None, None, "email", notes="free advice in other words; Pudsey is West Yorkshire"),
    "law/M08_aberdeen_maintenance.eml": e(L, "cold", "Kirsty Ross", "kirsty.ross@gmail.com", "+447700900427", None, "Family law", "Aberdeen", notes="Aberdeen is in Scotland: out of the area"),
    "law/M09_cafe_lease_words.eml": e(L, "hot", "Rebecca Lowther", "becky@beantherecafe.co.uk", "+441756960442", "Bean There Ltd", "Business contracts", "Skipton", 1500, "end of the month", notes="budget in words; Skipton is North Yorkshire"),
    "law/M10_spouse_application.eml": e(L, "disqualified", "Sana Hussain", "sana.hussain92@gmail.com", "+447700900539", None, None, "Bradford", notes="immigration without the word; husband named"),
    "law/M11_mothers_estate.eml": e(L, "warm", "Janet Crossley", "janet.crossley@gmail.com", "+447700900616", None, "Wills and probate", "Keighley", None, None, "our estate agent", notes="brother named with his full name"),
    "law/M12_gmbh_agreement.eml": e(L, "hot", "Katrin Hoffmann", "k.hoffmann@hoffmann-technik.de", "+498912345678", "Hoffmann Technik GmbH", "Business contracts", "Leeds", 2000, notes="non-native English; 'EUR 2.000' is two thousand"),
    "law/M13_reply_tenant_arrears.eml": e(L, "hot", "Gary Firth", "garyfirth@sky.com", "+447700900604", None, "Landlord and tenant", "Dewsbury", None, "asap", None, "text", notes="reply above the office's quoted text and number; signed by a couple"),
    "law/M14_webform.csv#1": e(L, "warm", "Lee and Dawn Sutcliffe", "sutcliffes@talktalk.net", "+441977960215", None, "Conveyancing", "Castleford", notes="a couple; two places, both West Yorkshire"),
    "law/M14_webform.csv#2": e(L, "hot", "Hamza Qureshi", "hamza@qureshidental.co.uk", "+441484960388", "Qureshi Dental Care Ltd", "Business contracts", "Huddersfield", 3000, "urgently", notes="'£3k'"),
    "law/M14_webform.csv#3": e(L, "warm", "K. Walsh", "kwalsh1960@gmail.com", None, None, "Wills and probate"),
    "clinic/N01_clevedon_shoulder.eml": e(C, "hot", "Dan Whitcombe", "dan.whitcombe@gmail.com", "+447700900702", None, "Physiotherapy", "Clevedon", None, "before the weekend", "Google", notes="Clevedon is North Somerset"),
    "clinic/N02_bradford_on_avon_massage.eml": e(C, "warm", "Fiona Blake", "fiona.blake@icloud.com", None, None, "Sports massage", "Bradford on Avon", notes="Wiltshire, next to Bath: neither in the listed area nor far outside it"),
    "clinic/N03_dad_collapsed.eml": e(C, "disqualified", "Helen Grant", "helen.grant@yahoo.co.uk", "+447700900719", None, None, "Keynsham", None, "straight away", notes="signs of a stroke, not named: an emergency first; father named"),
    "clinic/N04_someone_to_talk_to.eml": e(C, "cold", "Chloe Barker", "chloe.barker@gmail.com", "+447700900733", None, "Counselling", "Bristol", 40, notes="budget in words, below the minimum"),
    "clinic/N05_reviews_spam.eml": e(C, "disqualified", None, "team@clinicboost.io", notes="marketing in words no spam list has"),
    "clinic/N06_forwarded_gp_podiatry.eml": e(C, "warm", "Brian Ashdown", "brian.ashdown@btinternet.com", "+441275960344", None, "Podiatry", "Nailsea", None, None, "GP", notes="forwarded by reception (Outlook style); Nailsea is North Somerset"),
    "clinic/N07_polish_back.eml": e(C, "hot", "Agnieszka Wojcik", "aga.wojcik@onet.pl", "+447700900671", None, "Physiotherapy", "Bristol", None, "tomorrow", notes="non-native English; 'pain in low back'"),
    "clinic/N08_desk_assessments_words.eml": e(C, "hot", "Mark Tilley", "mark.tilley@avonside-eng.co.uk", "+441454960277", "Avonside Engineering Ltd", "Occupational health", "Yate", 2500, notes="budget in words; Yate is South Gloucestershire"),
    "clinic/N09_anti_wrinkle.eml": e(C, "disqualified", "Jess Taylor", "jesstaylor88@hotmail.com", None, None, None, "Bath", notes="a cosmetic procedure not named by the list's words"),
    "clinic/N10_swansea_massage.eml": e(C, "cold", "Gethin Evans", "gethin.evans@gmail.com", "+447700900758", None, "Sports massage", "Swansea", notes="Swansea is far outside the area"),
    "clinic/N11_daughter_ankle.eml": e(C, "hot", "Rachel Dobson", "rachel.dobson@gmail.com", "+447700900767", None, "Physiotherapy", "Portishead", None, "in two weeks", notes="the patient is the writer's daughter, named in full"),
    "clinic/N12_prices.txt": e(C, "cold", notes="pasted; no contact details, no service"),
    "clinic/N13_webform.csv#1": e(C, "hot", "Olivia Grant", "olivia.grant@gmail.com", "+447700900781", None, "Sports massage", "Weston super Mare", None, "next Tuesday", notes="the town written without hyphens"),
    "clinic/N13_webform.csv#2": e(C, "cold", "Harjit Sandhu", "harjit.sandhu@gmail.com", None, None, "Podiatry", "Thornbury", 45, notes="below the minimum budget; Thornbury is South Gloucestershire"),
}

if __name__ == "__main__":
    out = Path(__file__).with_name("expected_heldout2.json")
    out.write_text(json.dumps(X, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(len(X), "inquiries ->", out)
