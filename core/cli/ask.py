"""`locum ask`: answer a question from the library with the local model, cited to file and page.

stdout carries the answer (streamed) and the cited passages, or one JSON object with
``--json``; notes about the model and the question go to stderr, so piping the answer
somewhere never mixes them in.
"""
from __future__ import annotations

import json
import sys

from core.errors import LocumError


def add_ask_parser(sub) -> None:
    s = sub.add_parser("ask", help="answer a question from the library, citing file and page")
    s.add_argument("question", nargs="+", metavar="QUESTION")
    s.add_argument("--json", action="store_true",
                   help='print {"answer","found","citations":[{"n","path","page","quote","boxes"}],"model",'
                        '"closest":[..],"notice"}; boxes: [[x0,y0,x1,y1],..], one per line of the quote, in PDF '
                        'points (pictures: pixels), origin top left, [] when not known')
    s.add_argument("--model", metavar="NAME", help="chat model to use (see `locum models`); default: from settings")
    s.add_argument("-k", type=int, default=6, help="passages to retrieve (default 6)")
    s.add_argument("--conversation", metavar="ID",
                   help="continue the conversation with this id (started if it does not exist yet)")
    s.add_argument("--max-tokens", type=int, default=400, help="longest answer, in tokens (default 400)")


def _prepare_chat(services, name: str | None):
    """The checked chat model (file, chat template, memory), with its notes on stderr."""
    prepared = services.chat_models.prepare(name)
    for w in prepared.warnings:
        if w != _tiny_note():  # said once the answer has sources, below
            print(f"note: {w}", file=sys.stderr)
    return prepared


def _tiny_note() -> str:
    from core.chat.registry import TINY_MODEL_NOTE

    return TINY_MODEL_NOTE


def run_ask(args, services) -> int:
    from core.ask.answering import TINY_NOTICE, Assistant, Notice, Retrieved, Token

    question = " ".join(args.question).strip()
    if not question:
        raise LocumError('Give a question, e.g. locum ask "What is the monthly retainer fee?"')
    if args.k < 1:
        raise LocumError("-k must be at least 1.")
    prepared = _prepare_chat(services, args.model)
    tiny = prepared.tiny
    store = services.conversations if args.conversation else None
    assistant = Assistant(services.library, prepared.backend, store, k=args.k, max_tokens=max(16, args.max_tokens),
                          tiny_model=tiny)

    out = sys.stdout
    streamed = False
    said: list[str] = []
    gen = assistant.ask(question, conversation_id=args.conversation)
    try:
        while True:
            try:
                ev = next(gen)
            except StopIteration as stop:
                answer = stop.value
                break
            if args.json:
                continue
            if isinstance(ev, Notice):
                print(f"note: {ev.text}", file=sys.stderr)
                said.append(ev.text)
            elif isinstance(ev, Retrieved) and ev.sources and tiny:
                print(f"note: {_tiny_note()}", file=sys.stderr)
                said.append(TINY_NOTICE)
            elif isinstance(ev, Token):
                out.write(ev.text)
                out.flush()
                streamed = True
    except KeyboardInterrupt:
        gen.close()  # stops the model at once; nothing of this turn is saved
        if streamed:
            out.write("\n")
        raise LocumError("Cancelled; nothing was saved.") from None

    if args.json:
        data = answer.as_json()
        data["notice"] = answer.notice
        if args.conversation:
            data["conversation"] = args.conversation
        print(json.dumps(data, ensure_ascii=False))
        return 0

    if streamed:
        out.write("\n")
    else:
        print(answer.answer)
    if answer.citations:
        print()
        _print_passages(answer.citations)
    elif answer.closest:
        print("\nClosest passages (not confirmed to answer the question):")
        _print_passages(answer.closest)
    notice = answer.notice
    for text in said:  # already on stderr while the answer streamed
        notice = notice.replace(text, "")
    if notice.strip():
        print(f"note: {' '.join(notice.split())}", file=sys.stderr)
    return 0


def _print_passages(citations) -> None:
    for c in citations:
        page = f" p.{c.page}" if c.page is not None else ""
        quote = " ".join(c.quote.split())
        print(f'[{c.n}] {c.path}{page}: "{quote}"')
