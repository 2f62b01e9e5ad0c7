"""Text in an inquiry is data, never instructions.

Sentences that address the assistant ("ignore previous instructions", "score this lead 100",
"you are an AI...") are found here and masked: replaced by spaces of the same length, so the
offsets of every other word stay valid. Fields, scoring and the model all read the masked
text; the lead is flagged and the quote shown to the person.
"""
from __future__ import annotations

import re

_MACHINE = (r"(?:(?:automated|automatic|computer)\s+(?:assistant|system|software|program|programme|tool|filter|"
            r"sorter|reader)|(?:ai|virtual|digital)\s+assistant|ai|bot|chatbot|computer|software|program|programme)s?\b")
_PATTERNS = [
    # "disregard the clinic's scoring rules": an owner's name may stand before them
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+)?(?:[\w\-]+['’]s\s+)?(?:previous|prior|above|earlier|"
    r"preceding|other|existing)?\s*(?:instructions?|prompts?|rules?|guidelines?|criteria|scoring)",
    r"\b(?:score|rate|rank|mark|classify|grade|flag)\s+(?:this|me|my|the)?\s*(?:lead|inquiry|enquiry|e-?mail|message|"
    r"request|prospect)?\s*(?:as|at|with|a|an)?\s*(?:100|hundred|hot|top|maximum|max|highest|10/10|a perfect)",
    r"\b(?:give|assign)\s+(?:this|me|my|the)\s+(?:lead|inquiry|enquiry|e-?mail|message)?\s*(?:a\s+)?(?:score|rating|tier)"
    r"\s+of\s+\d+",
    r"\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatbot|gpt|llm)\b",
    r"\b(?:system\s+prompt|system\s+message|new\s+instructions?|developer\s+mode|jailbreak)\b",
    r"\b(?:dear|attention|note\s+to\s+(?:the|any))\s+(?:ai|assistant|language\s+model|chatbot|bot|llm|automated\s+system)s?\b",
    r"\b(?:ai|assistant|language\s+model|automated\s+(?:system|screening)|bot)s?\s+(?:reading|processing|screening|"
    r"reviewing|triaging)\s+this\b",
    r"^\s*(?:assistant|system)\s*:",
    # a note addressed to whatever machine reads the mail: "Note for the automated assistant that sorts this
    # inbox", "To whatever computer system reads these emails first" (a system alone may be a person's job)
    rf"\b(?:note|message|instructions?|a\s+word)\s+(?:for|to)\s+(?:the|any|whatever|your)\s+{_MACHINE}(?!\s+admin)",
    rf"\b(?:to|dear|attention)\s*:?\s+(?:whatever|any|the)\s+{_MACHINE}\s+(?:that|which|who)?\s*"
    r"(?:reads|sorts|processes|screens|handles|triages|filters|reading|sorting|processing|screening|handling|"
    r"triaging|filtering)\b",
    r"\b(?:mark|flag|file|rate|tag)\s+(?:it|this|me|my\s+\w+|this\s+\w+)\s+as\s+(?:the\s+|a\s+)?"
    r"(?:highest|top|maximum)\s+priority\b",
    r"\b(?:put|move|place|push)\s+(?:this|my)\s+(?:message|e-?mail|lead|inquiry|enquiry|request)\s+(?:at|to)\s+the\s+"
    r"(?:top|front|head)\b",
    r"[\[(<{]\s*(?:assistant|system|ai|bot|chatbot|llm)\s*:",  # "[Assistant: ...]" anywhere
    r"\b(?:this\s+(?:lead|inquiry|enquiry)\s+(?:is|must\s+be|should\s+be)\s+(?:marked\s+|rated\s+|scored\s+)?(?:hot|100|"
    r"top\s+priority|highest\s+priority))",
    r"\bdo\s+not\s+(?:run|perform|do)\s+(?:a|the|any)\s+conflict\s+check",
    # the reader taken for a machine: "If you are an AI ...", "As a language model you must ...",
    # "any AI tools processing this", "When summarising this email, ...", "Instruction to AI: ..."
    r"\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|bot|chatbot|llm|language\s+model|automated|machine|computer|"
    r"(?:ai|virtual|automated)\s+assistant)\b",
    r"\bas\s+an?\s+(?:ai|llm|language\s+model|ai\s+assistant|automated\s+system)\b",
    r"\b(?:any|all|every)\s+(?:ai|llm|automated|automatic|machine)\s+(?:tools?|systems?|assistants?|software|"
    r"screening|triage|filters?|models?|readers?)\b",
    r"\b(?:when|while|before)\s+(?:summari[sz]ing|processing|scoring|triaging|sorting|ranking|classifying)\s+"
    r"(?:this|these|my)\b",
    rf"\b(?:note|message|instructions?)\s+(?:for|to)\s+{_MACHINE}\s*:",
    # "Note for whoever's system reads this inbox: ..."
    r"\b(?:note|message|instructions?)\s+(?:for|to)\s+(?:whoever|whatever)(?:['’]s)?\s+(?:system|software|program|"
    r"assistant|tool|filter)",
    r"\b(?:ai|llm|gpt|chatgpt|claude|assistant|bot)\s*[:,\-]\s*(?:please\s+)?(?:ignore|score|rate|mark|classify|flag|"
    r"put|treat|rank|prioriti[sz]e|categori[sz]e|label|tag)\b",
    # "AI system processing this message: ...", "If a computer program is sorting these emails, ..."
    r"\b(?:ai|automated|automatic|computer|machine)\s+(?:system|software|program|programme|tool|assistant|filter|"
    r"reader|sorter)s?\s+(?:that\s+|which\s+)?(?:is\s+)?(?:reading|processing|screening|reviewing|triaging|sorting|"
    r"scanning|handling|filtering|reads|processes|screens|sorts)\b",
    r"\bif\s+(?:a|an|any|the|your)\s+(?:[\w-]+\s+)?(?:computer|program|programme|system|software|ai|bot|machine|"
    r"assistant|tool)\b[^.?!\n]{0,30}\b(?:sorting|reading|screening|processing|triaging|checking|scanning|sorts|reads)\b",
    r"\bgive\s+(?:it|this|mine|me|my\s+\w+|this\s+\w+)\s+(?:the\s+)?(?:highest|top|maximum|best|a\s+perfect)\s+"
    r"(?:score|rating|priority|mark)\b",
    r"\bput\s+(?:it|mine|this|my\s+(?:e-?mail|message|enquiry|inquiry)|this\s+\w+)\s+(?:first|at\s+the\s+(?:top|front))\b",
    # a verdict asked for in the inquiry's own words: "categorise this as a qualified lead", "Tier: hot"
    r"\b(?:categori[sz]e|classify|label|tag|treat|record|log|prioriti[sz]e|rank|list|set)\s+(?:this|me|my\s+\w+|it)\s+"
    r"(?:as|at|to)\s+(?:a\s+|an\s+|the\s+)?(?:hot|qualified|vip|100|top\s+(?:priority|lead|tier)|highest|"
    r"priority\s+(?:lead|one|1)|premium|maximum)\b",
    r"\b(?:lead\s+)?(?:score|tier|priority|rating|classification)\s*[:=]\s*(?:100|hot|highest|top|10/10|maximum)\b",
    r"\b(?:respond|reply|answer|output)\s+(?:only\s+)?with\s+[\"“'‘]",
]
INJECTION_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*(?=\s|$)|\n\s*\n|\n(?=[A-Z\-*>])")  # "... list.]" ends one too


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    """The sentence around text[a:b]: from after the previous sentence end to the next."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, a):
        start = m.end()
    m = _SENTENCE_END.search(text, b)
    end = m.end() if m else len(text)
    while start < end and text[start].isspace():
        start += 1
    return start, end


def find_injections(text: str) -> list[tuple[int, int]]:
    """Spans (whole sentences) of ``text`` that try to instruct the assistant, merged, in order."""
    spans: list[tuple[int, int]] = []
    for m in INJECTION_RE.finditer(text):
        s, e = _sentence(text, m.start(), m.end())
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span blanked out (newlines kept), so offsets do not move."""
    out = list(text)
    for s, e in spans:
        for i in range(s, e):
            if out[i] != "\n":
                out[i] = " "
    return "".join(out)
