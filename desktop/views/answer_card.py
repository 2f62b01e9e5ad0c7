"""One turn of a conversation: the question bubble and the answer card with citation chips."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desktop import theme
from desktop.item_models import CitationListModel
from desktop.textutil import file_name
from desktop.widgets import FlowLayout, button, clear_layout, label, tool_button

_MARKER = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^\s*([-*•]|\d+[.)])\s+")


def answer_html(text: str, valid: set[int] | None = None) -> str:
    """The answer as HTML: paragraphs, simple lists and bold, with ``[n]`` as links to source n."""
    t = theme.tokens()
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if lines and all(_BULLET.match(ln) for ln in lines):
            out.append("<ul style='margin-left:-18px'>")
            for ln in lines:
                out.append(f"<li>{_inline(_BULLET.sub('', ln), valid, t)}</li>")
            out.append("</ul>")
            continue
        out.append(f"<p>{_inline(' '.join(lines), valid, t)}</p>")
    return "".join(out) or "<p></p>"


def _inline(text: str, valid, t) -> str:
    s = html.escape(text)
    s = _BOLD.sub(r"<b>\1</b>", s)

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if valid is not None and n not in valid:
            return m.group(0)
        return (f'<a href="cite:{n}" style="color:{t.accent}; text-decoration:none; font-weight:600">'
                f"<sup>[{n}]</sup></a>")

    return _MARKER.sub(link, s)


class QuestionBubble(QWidget):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(80, 0, 0, 0)
        row.addStretch(1)
        bubble = QFrame()
        bubble.setObjectName("UserBubble")
        b = QVBoxLayout(bubble)
        b.setContentsMargins(14, 10, 14, 10)
        self.text = label(text, wrap=True, selectable=True)
        self.text.setAccessibleName(f"Your question: {text}")
        # A wrapped label in a layout shrinks to its narrowest; start it at the text's width.
        longest = max((self.text.fontMetrics().horizontalAdvance(ln) for ln in text.splitlines() or [""]), default=0)
        self.text.setMinimumWidth(min(longest + 4, 520))
        bubble.setMaximumWidth(560)
        b.addWidget(self.text)
        row.addWidget(bubble, 0)


class QuoteBlock(QFrame):
    """The cited sentence itself, so the evidence is readable without opening the file."""

    clicked = Signal()

    def __init__(self, citation, parent: QWidget | None = None, *, numbered: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("Quote")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        page = f", page {citation.page}" if citation.page else ""
        self.setToolTip(f"Open {file_name(citation.path)}{page}")
        what = f"Quote from source {citation.n}" if numbered else "Closest passage"
        self.setAccessibleName(f"{what}, {file_name(citation.path)}{page}")
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 4, 8, 4)
        col.setSpacing(2)
        quote = " ".join(citation.quote.split())
        if len(quote) > 320:
            quote = quote[:317].rsplit(" ", 1)[0] + "…"
        text = label(f"“{quote}”", wrap=True, name="QuoteText")
        col.addWidget(text)
        number = f"[{citation.n}] " if numbered else ""  # a closest passage backs no claim
        col.addWidget(label(f"{number}{file_name(citation.path)}{page}", "caption"))

    def mouseReleaseEvent(self, e) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(e)


MAX_QUOTES = 2


class AnswerCard(QFrame):
    """Streams an answer in, then shows its citations as chips that open the source."""

    citationClicked = Signal(object)  # core.types.Citation
    actionRequested = Signal(str)  # e.g. "settings:models"
    askClaudeRequested = Signal(str)  # the question this card answers

    def __init__(self, parent: QWidget | None = None, question: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("AnswerCard")
        self.question = question
        self.answer_model = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._raw = ""
        self._final = ""
        self._closest: list = []
        self.model = CitationListModel(parent=self)
        self.model.modelReset.connect(self._rebuild_chips)

        col = QVBoxLayout(self)
        col.setContentsMargins(16, 12, 16, 12)
        col.setSpacing(8)

        self.badge = label("", name="CloudBadge")
        self.badge.setAccessibleName("Answer from Claude")
        self.badge.hide()
        col.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        self.status = label("Searching your documents…", "muted")
        col.addWidget(self.status)
        self.body = QLabel()
        self.body.setObjectName("AnswerText")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.linkActivated.connect(self._on_link)
        self.body.setAccessibleName("Answer")
        self.body.hide()
        col.addWidget(self.body)

        self.notice = label("", "caption", wrap=True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.linkActivated.connect(self.actionRequested.emit)
        self.notice.hide()

        self.quotes_box = QWidget()
        self.quotes = QVBoxLayout(self.quotes_box)
        self.quotes.setContentsMargins(0, 2, 0, 2)
        self.quotes.setSpacing(6)
        self.quotes_box.hide()
        col.addWidget(self.quotes_box)

        self.chips_box = QWidget()
        self.chips = FlowLayout(self.chips_box, spacing=6)
        self.chips_box.hide()
        col.addWidget(self.chips_box)

        # Not found, but close: passages for the user to check, clearly not an answer.
        self.closest_box = QWidget()
        self.closest = QVBoxLayout(self.closest_box)
        self.closest.setContentsMargins(0, 2, 0, 2)
        self.closest.setSpacing(6)
        self.closest_box.hide()
        col.addWidget(self.closest_box)
        col.addWidget(self.notice)

        footer = QHBoxLayout()
        footer.setSpacing(6)
        self.meta = label("", "caption")
        footer.addWidget(self.meta, 1)
        self.claude_btn = button("Ask Claude", icon="sparkle", tip="Ask Claude the same question with the same "
                                 "passages, through the privacy settings in Settings > Cloud",
                                 slot=lambda: self.askClaudeRequested.emit(self.question))
        self.claude_btn.hide()
        footer.addWidget(self.claude_btn)
        self.copy_btn = tool_button("copy", "Copy answer", slot=self.copy)
        self.copy_btn.setIconSize(QSize(16, 16))
        self.copy_btn.hide()
        footer.addWidget(self.copy_btn)
        col.addLayout(footer)

    # ---- streaming -------------------------------------------------------------
    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def append(self, piece: str) -> None:
        if not self._raw:
            self.set_status("")
            self.body.show()
        self._raw += piece
        self.body.setText(answer_html(self._raw) + f'<span style="color:{theme.tokens().accent}">▍</span>')

    @property
    def streamed_text(self) -> str:
        return self._raw

    # ---- final -----------------------------------------------------------------
    def finish(self, text: str, citations, *, found: bool = True, notice: str = "", model: str = "",
               closest=()) -> None:
        self._final = text
        self.answer_model = model
        self.set_status("")
        self.set_badge(model)
        valid = {c.n for c in citations}
        self.body.setText(answer_html(text, valid))
        self.body.show()
        if not found:
            self.body.setText(f'<p style="color:{theme.tokens().muted}">{html.escape(text)}</p>')
        self.model.set_citations(citations)
        self.set_notice(notice)
        bits = []
        if citations:
            bits.append(f"{len(citations)} source{'s' if len(citations) != 1 else ''}")
        elif not found:
            bits.append("No clear answer in your documents" if closest else "Not found in your documents")
        self._show_closest([] if found else list(closest))
        if model:
            bits.append(model)
        self.meta.setText(" · ".join(bits))
        self.copy_btn.show()

    def set_badge(self, model: str) -> None:
        """A "Claude" badge on an answer that came from the cloud, with the model's name."""
        from core.chat.cloud import is_cloud_model

        if not is_cloud_model(model):
            self.badge.hide()
            return
        t = theme.tokens()
        self.badge.setText(f'<span style="background:{t.accent_soft}; color:{t.accent}; font-weight:600">'
                           f'&nbsp;☁ Claude&nbsp;</span>')
        self.badge.setToolTip(f"Written by {model.split(':', 1)[-1]} on Anthropic's servers from the passages "
                              "shown; what was sent is in Settings > Cloud > Audit log.")
        self.badge.show()

    def set_cloud_action(self, available: bool) -> None:
        """Show "Ask Claude" on a finished local answer when the user allows Claude for Ask."""
        from core.chat.cloud import is_cloud_model

        self.claude_btn.setVisible(bool(available and self.question and self._final
                                        and not is_cloud_model(self.answer_model)))

    def set_notice(self, notice: str) -> None:
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def stopped(self) -> None:
        self.set_status("")
        if self._raw:
            self.body.setText(answer_html(self._raw))
        self.set_notice("Stopped. This answer was not saved.")
        self.copy_btn.setVisible(bool(self._raw))
        self._final = self._raw

    def failed(self, text: str, action: str = "", action_key: str = "") -> None:
        self.set_status("")
        t = theme.tokens()
        link = f' <a href="{action_key}" style="color:{t.accent}">{html.escape(action)}</a>' if action_key else ""
        self.body.setText(f'<p><b style="color:{t.danger}">{html.escape(text)}</b></p>')
        self.body.show()
        self.notice.setText(html.escape(action if not action_key else "") + link)
        self.notice.setVisible(bool(action or link))

    def _rebuild_chips(self) -> None:
        clear_layout(self.quotes)
        shown = 0
        for row in range(self.model.rowCount()):
            c = self.model.citation(row)
            if c.quote.strip() and shown < MAX_QUOTES:
                self.quotes.addWidget(self._quote_block(c))
                shown += 1
        self.quotes_box.setVisible(shown > 0)
        clear_layout(self.chips)
        for row in range(self.model.rowCount()):
            idx = self.model.index(row)
            chip = QToolButton()
            chip.setObjectName("Chip")
            chip.setText(idx.data(Qt.ItemDataRole.DisplayRole))
            chip.setToolTip(idx.data(Qt.ItemDataRole.ToolTipRole))
            chip.setAccessibleName(idx.data(Qt.ItemDataRole.AccessibleTextRole))
            theme.bind_icon(chip, "file", "accent")
            chip.setIconSize(QSize(14, 14))
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _=False, r=row: self.citationClicked.emit(self.model.citation(r)))
            self.chips.addWidget(chip)
        self.chips_box.setVisible(self.model.rowCount() > 0)

    def _show_closest(self, passages) -> None:
        clear_layout(self.closest)
        self._closest = passages[:MAX_QUOTES]
        if not self._closest:
            self.closest_box.hide()
            return
        self.closest.addWidget(label("Closest passages, not confirmed as an answer:", "caption"))
        for c in self._closest:
            self.closest.addWidget(self._quote_block(c, numbered=False))
        self.closest_box.show()

    def _quote_block(self, citation, numbered: bool = True) -> QuoteBlock:
        """A quoted passage that opens its page when clicked."""
        block = QuoteBlock(citation, numbered=numbered)
        block.clicked.connect(lambda: self.citationClicked.emit(citation))
        return block

    def closest_blocks(self) -> list[QuoteBlock]:
        return [w for i in range(self.closest.count()) if isinstance(w := self.closest.itemAt(i).widget(), QuoteBlock)]

    def chip_buttons(self) -> list[QToolButton]:
        return [self.chips.itemAt(i).widget() for i in range(self.chips.count())]

    def _on_link(self, href: str) -> None:
        if href.startswith("cite:"):
            n = int(href[5:])
            for row in range(self.model.rowCount()):
                c = self.model.citation(row)
                if c.n == n:
                    self.citationClicked.emit(c)
                    return

    def plain_text(self) -> str:
        text = self._final or self._raw
        if self.model.rowCount():
            refs = []
            for row in range(self.model.rowCount()):
                c = self.model.citation(row)
                refs.append(f"[{c.n}] {file_name(c.path)}" + (f", page {c.page}" if c.page else ""))
            text += "\n\nSources:\n" + "\n".join(refs)
        elif self._closest:
            refs = [file_name(c.path) + (f", page {c.page}" if c.page else "") + f": “{' '.join(c.quote.split())}”"
                    for c in self._closest]
            text += "\n\nClosest passages (not confirmed):\n" + "\n".join(refs)
        return text

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())
        self.meta.setText("Copied to the clipboard")
