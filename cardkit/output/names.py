"""The names of every file cardkit writes: inside exports and ZIPs, and offered for download.

Cards are numbered in set order with at least two digits (`card-01.png`), so a folder
sorts them right; downloads start with the set's file name (its stem).
"""

from __future__ import annotations

from cardkit.display import Side
from cardkit.model import card_page
from cardkit.paths import file_stem

OVERVIEW_STEM = "00-overzicht"
QUESTIONS_FILE = "vragen.txt"
ALIGNMENT_TITLE = "Testvel uitlijning"


def _number(number: int, total: int) -> str:
    return f"{number:0{max(2, len(str(total)))}d}"


def card_file(number: int, total: int, side: Side, extension: str = "png") -> str:
    """`card-01.png`, `card-01-back.png`: a card side in an export folder or ZIP."""
    suffix = "-back" if side == "back" else ""
    return f"card-{_number(number, total)}{suffix}.{extension}"


def bundle_file(number: int, total: int, title: str, question: str, extension: str) -> str:
    """`03-wat-heb-jij-geleerd.png`: a card in a share bundle, named by its words."""
    words = file_stem(title or question)[:40].strip("-")
    return f"{_number(number, total)}-{words}.{extension}"


def overview_file(extension: str) -> str:
    return f"{OVERVIEW_STEM}.{extension}"


# --- a set's website: pages, pictures, style sheet and fonts ------------------------------

SITE_INDEX = "index.html"
SITE_STYLE = "site.css"
SITE_FONTS = "fonts"  # a folder


def site_page(number: int) -> str:
    """`kaart-03.html`: a card's page; a card's QR code leads to it (cardkit.model)."""
    return card_page(number)


def site_picture(number: int) -> str:
    """`kaart-03.png`: the picture of a card's front, beside its page."""
    return card_page(number).removesuffix(".html") + ".png"


# --- downloads from the designer: the set's stem, then what the file holds ---------------


def card_download(stem: str, number: int, side: Side) -> str:
    return f"{stem}-{number:02d}{'-achterkant' if side == 'back' else ''}.png"


def share_download(stem: str, number: int, preset: str, extension: str) -> str:
    return f"{stem}-{number:02d}-{preset}.{extension}"


def sheets_download(stem: str, paper: str, home: bool = False) -> str:
    return f"{stem}{'-thuis' if home else ''}-{paper.lower()}.pdf"


def alignment_download(stem: str, paper: str, duplex: str, home: bool = False) -> str:
    """The test sheet belongs to the sheets it was made for: named after them."""
    edge = "lange-zijde" if duplex == "long" else "korte-zijde"
    return f"{stem}{'-thuis' if home else ''}-testvel-{paper.lower()}-{edge}.pdf"


SET_DOWNLOADS = {
    "zip": "{stem}.zip",
    "pdf": "{stem}.pdf",
    "yaml": "{stem}.yaml",
    "bundle": "{stem}-delen.zip",
    "website": "{stem}-website.zip",
    "email": "{stem}-mail.pdf",
    "print-shop": "{stem}-drukker.pdf",
    "print-shop-cmyk": "{stem}-drukker-cmyk.pdf",
}


def set_download(stem: str, what: str) -> str:
    """The download name of a whole-set export (`what` is a key of SET_DOWNLOADS)."""
    return SET_DOWNLOADS[what].format(stem=stem)
