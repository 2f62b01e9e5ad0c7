"""The first-run panel: add a folder, or try the sample documents."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import theme
from desktop.widgets import label


class _ChoiceCard(QFrame):
    clicked = Signal()

    def __init__(self, icon: str, title: str, text: str, button_text: str, primary: bool) -> None:
        super().__init__()
        self.setProperty("card", True)
        self.setMinimumWidth(280)
        self.setMaximumWidth(360)
        col = QVBoxLayout(self)
        col.setContentsMargins(22, 22, 22, 20)
        col.setSpacing(10)
        pic = QLabel()
        pic.setPixmap(theme.icon(icon, theme.tokens().accent).pixmap(30, 30))
        col.addWidget(pic)
        col.addWidget(label(title, "section"))
        body = label(text, "muted", wrap=True)
        body.setMinimumHeight(54)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        col.addWidget(body, 1)
        self.button = QPushButton(button_text)
        self.button.setProperty("kind", "primary" if primary else None)
        self.button.setAccessibleName(button_text)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.clicked.emit)
        col.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)


class WelcomePanel(QWidget):
    addFolderRequested = Signal()
    samplesRequested = Signal()

    @staticmethod
    def intro(cloud_on: bool) -> str:
        lead = "Search and ask questions about your own documents, with every answer cited to the page. "
        if cloud_on:
            return lead + "Claude is switched on: Settings › Cloud shows what may leave and every request sent."
        return lead + "Everything stays on this computer: no account, no cloud, no network."

    def set_cloud(self, on: bool) -> None:
        """Say so when Claude is switched on (off is the default: nothing leaves)."""
        self.subtitle.setText(self.intro(on))
        self.subtitle.setMinimumHeight(self.subtitle.heightForWidth(self.subtitle.width()))
        self.private_point.setText("Private: Claude only as you allow" if on else "Private: runs on this computer")

    def __init__(self, samples_available: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Welcome")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addStretch(2)

        logo = QLabel()
        logo.setPixmap(theme.icon("logo", theme.tokens().accent).pixmap(44, 44))
        outer.addWidget(logo, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addSpacing(8)
        title = label("Welcome to Locum", name="WelcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        self.subtitle = sub = label(self.intro(False), "muted", wrap=True)
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub.setFixedWidth(560)
        sub.setMinimumHeight(sub.heightForWidth(560))
        outer.addWidget(sub, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addSpacing(26)

        cards = QHBoxLayout()
        cards.setSpacing(16)
        cards.addStretch(1)
        self.folder_card = _ChoiceCard(
            "folder-plus", "Add a folder",
            "Choose a folder of PDFs, Word files, e-mails or notes. Locum reads it here and keeps "
            "it in step as files change.", "Add a folder…", True)
        self.folder_card.clicked.connect(self.addFolderRequested.emit)
        cards.addWidget(self.folder_card)
        self.samples_card = _ChoiceCard(
            "sparkle", "Try the sample documents",
            "A retainer agreement, a fee schedule, a privacy notice, a patient intake policy and a "
            "referral letter, written for trying Locum out.", "Try the samples", False)
        self.samples_card.clicked.connect(self.samplesRequested.emit)
        self.samples_card.setVisible(samples_available)
        cards.addWidget(self.samples_card)
        cards.addStretch(1)
        outer.addLayout(cards)
        outer.addSpacing(28)

        points = QGridLayout()
        points.setHorizontalSpacing(28)
        for i, (icon, text) in enumerate((
            ("search", "Search by words and by meaning"),
            ("ask", "Answers cite the file and page"),
            ("lock", "Private: runs on this computer"),
        )):
            row = QHBoxLayout()
            row.setSpacing(6)
            pic = QLabel()
            pic.setPixmap(theme.icon(icon, theme.tokens().muted).pixmap(QSize(16, 16)))
            row.addWidget(pic)
            point = label(text, "muted")
            row.addWidget(point)
            points.addLayout(row, 0, i)
            self.private_point = point  # the last one: what it says depends on the cloud switch
        wrap = QHBoxLayout()
        wrap.addStretch(1)
        wrap.addLayout(points)
        wrap.addStretch(1)
        outer.addLayout(wrap)
        outer.addSpacing(10)
        tip = label("Tip: you can also drag a folder onto this window.", "caption")
        tip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(tip)
        outer.addStretch(3)
