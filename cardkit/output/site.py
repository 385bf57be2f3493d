"""A set as a small static website: an overview page, a page per card with its text and a
picture of its front, one style sheet and the house font, all in one folder.

The pages speak Dutch, link to each other with relative addresses only and load nothing
from elsewhere, so the folder works opened from disk (file://) and on any static host. A
card's page is named by its number (`kaart-03.html`, cardkit.model.card_page): when the
set says where its website is (`site:`), each card's QR code leads there. Everything a
person typed is escaped: it is shown as text, never read as markup. Identical input
gives identical bytes, in a folder and in a ZIP.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from html import escape
from pathlib import Path
from typing import BinaryIO

from cardkit.deck import Deck
from cardkit.display import RGB, Page
from cardkit.display import hex_color as _hex
from cardkit.errors import CardkitError, Location, Text
from cardkit.layout.card import ICON_UNITS
from cardkit.output.export import AHEAD_PER_CORE, PARALLEL_FROM, ZIP_DATE, Progress, worker_pool
from cardkit.output.names import SITE_FONTS, SITE_INDEX, SITE_STYLE, site_page, site_picture
from cardkit.output.palette import css_colours, page_colour
from cardkit.output.share import AA_LEVELS, encode
from cardkit.output.surface import trimmed
from cardkit.paths import FONTS_DIR, display_path
from cardkit.read.legibility import contrast_ratio
from cardkit.read.sets import valid_link
from cardkit.read.style import Shape
from cardkit.render.png import page_pixel_size, render_page

SITE_DPI = 150  # a card front of 105 x 148 mm is 620 x 874 pixels: sharp on a phone
GENERATOR = "cardkit site"  # marks a folder as a website cardkit made (and may replace)
# The house font, copied unchanged with its licence (its name is reserved: no subsets).
FONT_FILES = (
    ("Lato-Regular.ttf", "normal", 400),
    ("Lato-Bold.ttf", "normal", 700),
    ("Lato-Italic.ttf", "italic", 400),
)
FONT_LICENCE = "OFL-Lato.txt"
WHITE = (255, 255, 255)
# What a website's folder holds (cardkit.output.names): nothing else may be replaced.
_SITE_ENTRY = re.compile(
    rf"^({re.escape(SITE_INDEX)}|{re.escape(SITE_STYLE)}|{re.escape(SITE_FONTS)}"
    r"|kaart-\d{2,}\.(html|png))$"
)


# --- the files ---------------------------------------------------------------------------


def _no_progress(done: int, total: int) -> None:
    return None


def site_files(
    deck: Deck, progress: Progress = _no_progress, cores: int = 1
) -> Iterator[tuple[str, bytes]]:
    """(path inside the site, bytes) for every file of the website, in a fixed order.
    With several `cores`, worker processes draw the pictures of a large set."""
    total = len(deck.card_set.cards)
    yield SITE_INDEX, _index(deck).encode("utf-8")
    yield SITE_STYLE, _style_sheet(deck).encode("utf-8")
    for name in (*(file for file, _, _ in FONT_FILES), FONT_LICENCE):
        yield f"{SITE_FONTS}/{name}", (FONTS_DIR / name).read_bytes()
    for number, picture in enumerate(_pictures(deck, cores), start=1):
        yield site_page(number), _card_page(deck, number).encode("utf-8")
        yield site_picture(number), picture
        progress(number, total)


def card_picture(deck: Deck, number: int) -> bytes:
    """The card's front as cut, at SITE_DPI, as an exact palette PNG carrying its words."""
    return picture_png(deck.page(number, "front"), deck.side_text(number, "front"))


def picture_png(page: Page, description: str) -> bytes:
    """A card side as cut, at SITE_DPI, as an exact palette PNG (what workers do)."""
    image = render_page(trimmed(page), SITE_DPI, levels=AA_LEVELS)
    return encode(image, "png", description)


def _pictures(deck: Deck, cores: int) -> Iterator[bytes]:
    """Every card front's picture in set order; for a large set drawn by the export's
    worker processes (kept ready), a bounded number ahead of the one written."""
    total = len(deck.card_set.cards)
    if cores <= 1 or total < PARALLEL_FROM:
        for number in range(1, total + 1):
            yield card_picture(deck, number)
        return
    workers = worker_pool(cores)
    waiting: deque[Future[bytes]] = deque()
    for number in range(1, total + 1):
        page, words = deck.page(number, "front"), deck.side_text(number, "front")
        waiting.append(workers.submit(picture_png, page, words))
        while len(waiting) > AHEAD_PER_CORE * cores:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


def write_site(deck: Deck, folder: Path, progress: Progress = _no_progress, cores: int = 1) -> None:
    """Write the website into `folder`, a new or empty one (the command line writes into
    cardkit.library.atomic.replacing_folder, so an earlier website is replaced whole)."""
    for name, data in site_files(deck, progress, cores):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_site_zip(
    deck: Deck, stream: BinaryIO, progress: Progress = _no_progress, cores: int = 1
) -> None:
    """The website as a ZIP, its files at the top: unpacked, it is the folder to publish.
    Pictures are stored (PNGs are compressed already), the rest deflated."""
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in site_files(deck, progress, cores):
            entry = zipfile.ZipInfo(name, ZIP_DATE)
            entry.external_attr = 0o644 << 16  # readable by a web server once unpacked
            entry.compress_type = (
                zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            )
            archive.writestr(entry, data, compresslevel=9)


def site_zip(deck: Deck, progress: Progress = _no_progress, cores: int = 1) -> bytes:
    """The website as a ZIP, as bytes (for a download button)."""
    buffer = io.BytesIO()
    write_site_zip(deck, buffer, progress, cores)
    return buffer.getvalue()


def check_site_folder(folder: Path) -> None:
    """A website replaces its whole folder: refuse a folder that holds anything but an
    earlier website made by cardkit (a stray file could be someone's work, or a `.git`)."""
    if not folder.is_dir():
        return
    entries = sorted(entry.name for entry in folder.iterdir())
    if not entries:
        return
    strangers = _strangers(folder)
    if not strangers and _made_by_cardkit(folder / SITE_INDEX):
        return
    shown = ", ".join(strangers[:3]) if strangers else ", ".join(entries[:3])
    raise CardkitError(
        Location(display_path(folder)),
        Text(
            f"holds files that are not a website made by cardkit ({shown}); a website "
            "replaces its whole folder: choose a new or empty folder",
            f"bevat bestanden die geen website van cardkit zijn ({shown}); een website "
            "vervangt de hele map: kies een nieuwe of lege map",
        ),
    )


def _strangers(folder: Path) -> list[str]:
    """What in an earlier website's folder cardkit did not write there: anything not named
    as its pages, pictures and style sheet, a folder or link where cardkit writes a file,
    and anything in its fonts folder but the font files and their licence."""
    fonts = {name for name, _, _ in FONT_FILES} | {FONT_LICENCE}
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name == SITE_FONTS and entry.is_dir() and not entry.is_symlink():
            found += [
                f"{SITE_FONTS}/{inner.name}"
                for inner in sorted(entry.iterdir())
                if inner.name not in fonts or inner.is_symlink() or not inner.is_file()
            ]
        elif not _SITE_ENTRY.match(entry.name) or entry.is_symlink() or not entry.is_file():
            found.append(entry.name)
    return found


def _made_by_cardkit(index: Path) -> bool:
    try:
        with index.open("rb") as file:
            head = file.read(2048)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">'.encode() in head


# --- the pages ---------------------------------------------------------------------------


def _text(value: str) -> str:
    """What a person typed, as HTML text or a (double-quoted) attribute value."""
    return escape(value, quote=True)


def _document(deck: Deck, title: str, body: str, description: str = "") -> str:
    meta = f'\n<meta name="description" content="{_text(description)}">' if description else ""
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<meta name="color-scheme" content="light">{meta}
<title>{_text(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{SITE_STYLE}">
</head>
<body>
<a class="skip" href="#inhoud">Naar de inhoud</a>
{body}
<footer class="footer">
<div class="wrap">
<p>{_text(deck.card_set.title)} · {_count(len(deck.card_set.cards))}</p>
<p>Letter: Lato, <a href="{SITE_FONTS}/{FONT_LICENCE}">SIL Open Font License</a></p>
</div>
</footer>
</body>
</html>
"""


def _count(cards: int) -> str:
    return "1 kaartje" if cards == 1 else f"{cards} kaartjes"


def _set_link(deck: Deck) -> str:
    """The set's link, a link only if it is a web address (http or https)."""
    link = deck.card_set.link
    if not link:
        return ""
    shown = f'<a href="{_text(link)}">{_text(link)}</a>' if valid_link(link) else _text(link)
    return f'<p class="set-link">Meer over deze set: <span class="url">{shown}</span></p>'


def _kind_class(deck: Deck, kind: str) -> str:
    """A class per kind by its place in the layout: a kind's name never enters the CSS."""
    return f"kind-{list(deck.layout.kinds).index(kind) + 1}"


def _kind_counts(deck: Deck) -> str:
    """'6 denkkaartjes en 4 doekaartjes'."""
    parts = []
    for name, kind in deck.layout.kinds.items():
        count = sum(card.kind == name for card in deck.card_set.cards)
        if count:
            parts.append(_counted(count, kind.label.lower()))
    return " en ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def _counted(count: int, label: str) -> str:
    """'4 doekaartjes', '1 denkkaartje'; a label whose plural is not plain gets '2 × label'."""
    if count == 1:
        return f"1 {label}"
    if label.endswith("je"):
        return f"{count} {label}s"
    if label.endswith("kaart"):
        return f"{count} {label}en"
    return f"{count} × {label}"


def _icon(deck: Deck, kind: str) -> str:
    """The kind's icon from the layout as inline SVG: decoration, hidden from readers."""
    shapes = "".join(_svg_shape(shape, deck, kind) for shape in deck.layout.kinds[kind].icon)
    return (
        f'<svg class="icon" viewBox="0 0 {ICON_UNITS:g} {ICON_UNITS:g}" aria-hidden="true" '
        f'focusable="false">{shapes}</svg>'
    )


def _svg_shape(shape: Shape, deck: Deck, kind: str) -> str:
    fill = _hex(deck.layout.color(shape.color, kind)) if shape.color else "currentColor"
    if shape.kind == "polygon":
        points = " ".join(f"{x:g},{y:g}" for x, y in shape.points)
        return f'<polygon points="{points}" fill="{fill}"/>'
    assert shape.box is not None
    box = shape.box
    if shape.kind == "ellipse":
        return (
            f'<ellipse cx="{box.x + box.width / 2:g}" cy="{box.y + box.height / 2:g}" '
            f'rx="{box.width / 2:g}" ry="{box.height / 2:g}" fill="{fill}"/>'
        )
    return (
        f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.width:g}" height="{box.height:g}" '
        f'rx="{shape.radius:g}" fill="{fill}"/>'
    )


def _index(deck: Deck) -> str:
    card_set = deck.card_set
    items = []
    for number, card in enumerate(card_set.cards, start=1):
        label = deck.layout.kinds[card.kind].label
        heading = card.title or f"Kaartje {number}"
        items.append(
            f"""<li class="card {_kind_class(deck, card.kind)}">
<p class="card-meta"><span class="kind">{_icon(deck, card.kind)}{_text(label)}</span> \
<span class="number"><span class="sr">Kaartje </span>{number}</span></p>
<h3 dir="auto"><a href="{site_page(number)}">{_text(heading)}</a></h3>
<p class="card-question" dir="auto">{_text(card.question)}</p>
</li>"""
        )
    counts = _kind_counts(deck)
    summary = _count(len(card_set.cards)) + (f": {counts}" if counts else "")
    body = f"""<header class="hero">
<div class="wrap">
<p class="eyebrow">Denk- en doekaartjes</p>
<h1 dir="auto">{_text(card_set.title)}</h1>
<p class="summary">{_text(summary)}</p>
{_set_link(deck)}
</div>
</header>
<main id="inhoud" class="wrap">
<h2 class="list-heading">Alle kaartjes</h2>
<ol class="cards">
{chr(10).join(items)}
</ol>
</main>"""
    return _document(deck, card_set.title, body, summary)


def _card_page(deck: Deck, number: int) -> str:
    card_set = deck.card_set
    card = card_set.cards[number - 1]
    total = len(card_set.cards)
    label = deck.layout.kinds[card.kind].label
    heading = card.title or card.question or f"Kaartje {number}"
    question = (
        f'<p class="question" dir="auto">{_text(card.question)}</p>'
        if card.title and card.question
        else ""
    )
    details = "".join(
        f'<h2>{name}</h2>\n<p class="{css}" dir="auto">{_text(value)}</p>\n'
        for name, css, value in (
            ("Toelichting", "hint", card.hint),
            ("Wanneer", "moment", card.moment),
        )
        if value
    )
    width, height = page_pixel_size(trimmed(deck.page(number, "front")), SITE_DPI)
    alt = card.question or deck.side_text(number, "front").replace("\n", ". ")
    body = f"""<header class="bar">
<div class="wrap">
<a class="home" href="{SITE_INDEX}"><span aria-hidden="true">←</span> \
<span dir="auto">{_text(card_set.title)}</span><span class="sr"> (alle kaartjes)</span></a>
</div>
</header>
<main id="inhoud" class="wrap card-page {_kind_class(deck, card.kind)}">
<div class="card-head">
<p class="card-meta"><span class="kind">{_icon(deck, card.kind)}{_text(label)}</span> \
<span class="of">Kaartje {number} van {total}</span></p>
<h1 dir="auto">{_text(heading)}</h1>
</div>
<figure class="picture">
<img src="{site_picture(number)}" width="{width}" height="{height}" alt="{_text(alt)}">
</figure>
<div class="card-text">
{question}
{details}{_set_link(deck)}
</div>
</main>
{_pager(deck, number)}"""
    title = f"{heading} · Kaartje {number} van {total} · {card_set.title}"
    return _document(deck, title, body, card.question)


def _pager(deck: Deck, number: int) -> str:
    """Previous, overview, next: the names say where each goes."""
    cards = deck.card_set.cards
    total = len(cards)

    def name(n: int) -> str:
        return _text(cards[n - 1].title or f"Kaartje {n}")

    previous = (
        f'<a class="prev" rel="prev" href="{site_page(number - 1)}">'
        f'<span class="dir"><span aria-hidden="true">← </span>Vorige</span> '
        f'<span class="name" dir="auto">{name(number - 1)}</span></a>'
        if number > 1
        else '<span class="prev"></span>'
    )
    following = (
        f'<a class="next" rel="next" href="{site_page(number + 1)}">'
        f'<span class="dir">Volgende<span aria-hidden="true"> →</span></span> '
        f'<span class="name" dir="auto">{name(number + 1)}</span></a>'
        if number < total
        else '<span class="next"></span>'
    )
    return f"""<nav class="pager" aria-label="Kaartjes">
<div class="wrap pager-row">
{previous}
<a class="overview" href="{SITE_INDEX}">Alle kaartjes</a>
{following}
</div>
</nav>"""


# --- the style sheet ---------------------------------------------------------------------


def _kind_colors(deck: Deck) -> str:
    """Per kind: its accent (a band and its icon) and tint from the layout. Text takes the
    accent only where it reads on white and on paper (4.5:1), else ink; the number on the
    tint is ink or white, whichever reads."""
    rules = []
    ink, paper = page_colour(deck.layout, "ink"), page_colour(deck.layout, "paper")
    for name in deck.layout.kinds:
        accent = _kind_color(deck, name, "accent", page_colour(deck.layout, "teal"))
        tint = _kind_color(deck, name, "tint", paper)
        readable = min(contrast_ratio(accent, WHITE), contrast_ratio(accent, paper))
        text = _hex(accent) if readable >= 4.5 else _hex(ink)
        on_tint = _hex(ink) if contrast_ratio(ink, tint) >= 4.5 else "#FFFFFF"
        rules.append(
            f".{_kind_class(deck, name)} {{ --accent: {_hex(accent)}; --tint: {_hex(tint)}; "
            f"--accent-text: {text}; --on-tint: {on_tint}; }}"
        )
    return "\n".join(rules)


def _kind_color(deck: Deck, kind: str, role: str, fallback: RGB) -> RGB:
    if role in deck.layout.kinds[kind].colors:
        return deck.layout.color(role, kind)
    return fallback


def _style_sheet(deck: Deck) -> str:
    faces = "\n".join(
        f'@font-face {{ font-family: "Lato"; src: url("{SITE_FONTS}/{file}") format("truetype"); '
        f"font-style: {style}; font-weight: {weight}; font-display: swap; }}"
        for file, style, weight in FONT_FILES
    )
    card = deck.layout.format
    # Rounded like the cut card: the corner's radius in percent of width and of height.
    radius_x, radius_y = (card.corner_radius / side * 100 for side in (card.width, card.height))
    return f"""/* The house style of the denk- en doekaartjes, for the screen and for print. */
{faces}

:root {{
  {css_colours(deck.layout)}
  --accent: var(--teal); --tint: var(--teal-light); --accent-text: var(--teal);
  --on-tint: var(--ink);
}}
{_kind_colors(deck)}

*, *::before, *::after {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{
  margin: 0; background: var(--paper); color: var(--ink);
  font-family: Lato, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.125rem; line-height: 1.55;
  display: flex; flex-direction: column; min-height: 100vh;
}}
main {{ flex: 1; }}
h1, h2, h3 {{ line-height: 1.2; margin: 0; }}
p {{ margin: 0; }}
[dir="auto"], .url {{ overflow-wrap: anywhere; white-space: pre-line; }}
.card-question, .question, .hint {{ hyphens: auto; }}
a {{ color: var(--teal); text-underline-offset: 0.18em; text-decoration-thickness: 1px; }}
a:hover {{ color: var(--teal-dark); text-decoration-thickness: 2px; }}
:focus-visible {{ outline: 3px solid var(--orange); outline-offset: 3px; border-radius: 3px; }}
.wrap {{ width: 100%; max-width: 70rem; margin: 0 auto; padding: 0 1.25rem; }}
.sr {{
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}}
.skip {{
  position: absolute; left: 1rem; top: 0; transform: translateY(-120%); z-index: 10;
  background: var(--ink); color: #fff; padding: 0.6rem 1rem; border-radius: 0 0 6px 6px;
  font-weight: 700;
}}
.skip:focus {{ transform: none; color: #fff; }}
.skip:focus-visible {{ outline-color: #fff; outline-offset: -4px; }}

/* The overview */
.hero {{ background: var(--teal); color: #fff; padding: 2.5rem 0 2.25rem; }}
.hero a {{ color: #fff; }}
.hero a:hover {{ color: #fff; }}
.hero :focus-visible {{ outline-color: #fff; }}
.eyebrow {{
  font-size: 0.85rem; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase;
  opacity: 0.92;
}}
.hero h1 {{ font-size: clamp(2rem, 6vw, 3rem); margin: 0.35rem 0 0.6rem; max-width: 22em; }}
.summary {{ font-size: 1.15rem; }}
.hero .set-link {{ margin-top: 0.9rem; }}
.list-heading {{ font-size: 1.35rem; margin: 2.25rem 0 1rem; }}
.cards {{
  list-style: none; margin: 0 0 3rem; padding: 0;
  display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
}}
.card {{
  position: relative; background: #fff; border: 1px solid var(--rule);
  border-top: 0.4rem solid var(--accent); border-radius: 0.6rem;
  padding: 1rem 1.15rem 1.2rem; display: flex; flex-direction: column; gap: 0.5rem;
  box-shadow: 0 1px 2px rgba(31, 41, 51, 0.06);
}}
.card:hover {{ border-color: var(--accent); box-shadow: 0 3px 10px rgba(31, 41, 51, 0.1); }}
.card h3 {{ font-size: 1.2rem; }}
.card h3 a {{ color: var(--ink); text-decoration: none; }}
.card h3 a::after {{ content: ""; position: absolute; inset: 0; border-radius: 0.6rem; }}
.card h3 a:hover {{ text-decoration: underline; color: var(--ink); }}
.card h3 a:focus-visible {{ outline: none; }}
.card h3 a:focus-visible::after {{ outline: 3px solid var(--orange); outline-offset: 3px; }}
.card-question {{ color: var(--ink); font-size: 1rem; }}
.card-meta {{
  display: flex; align-items: center; justify-content: space-between; gap: 0.75rem;
  font-size: 0.8rem; font-weight: 700; letter-spacing: 0.06em; text-transform: uppercase;
  color: var(--accent-text);
}}
.kind {{ display: inline-flex; align-items: center; gap: 0.45rem; }}
.icon {{ width: 1.15rem; height: 1.15rem; fill: var(--accent); color: var(--accent); }}
.number {{
  min-width: 1.9rem; height: 1.9rem; padding: 0 0.4rem; border-radius: 1rem;
  display: inline-flex; align-items: center; justify-content: center;
  background: var(--tint); color: var(--on-tint); letter-spacing: 0; font-size: 0.85rem;
}}

/* A card's page */
.bar {{ background: var(--teal); }}
.bar .wrap {{ min-height: 3.5rem; display: flex; align-items: center; }}
.bar .home {{ color: #fff; font-weight: 700; text-decoration: none; padding: 0.5rem 0; }}
.bar .home:hover {{ text-decoration: underline; }}
.bar :focus-visible {{ outline-color: #fff; }}
.card-page {{
  display: grid; gap: 1.5rem 3rem; padding-top: 2rem; padding-bottom: 2.5rem;
  grid-template-columns: minmax(0, 1fr);
  grid-template-areas: "head" "picture" "text";
}}
.card-head {{ grid-area: head; }}
.card-head .card-meta {{ justify-content: flex-start; gap: 1rem; margin-bottom: 0.6rem; }}
.of {{ color: var(--muted); letter-spacing: 0.04em; }}
.card-page h1 {{ font-size: clamp(1.8rem, 5vw, 2.6rem); }}
.picture {{ grid-area: picture; margin: 0; }}
.picture img {{
  display: block; width: 100%; max-width: 24rem; height: auto; margin: 0 auto;
  border-radius: {radius_x:.2f}% / {radius_y:.2f}%;
  box-shadow: 0 2px 4px rgba(31, 41, 51, 0.12), 0 10px 28px rgba(31, 41, 51, 0.14);
}}
.card-text {{ grid-area: text; max-width: 36rem; }}
.question {{ font-size: clamp(1.3rem, 3.4vw, 1.6rem); font-weight: 700; line-height: 1.35; }}
.card-text h2 {{
  font-size: 0.85rem; letter-spacing: 0.08em; text-transform: uppercase;
  color: var(--accent-text); margin: 1.6rem 0 0.3rem;
}}
.hint {{ font-style: italic; }}
.card-text .set-link {{
  margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: 1rem;
}}
@media (min-width: 52rem) {{
  .card-page {{
    grid-template-columns: minmax(0, 24rem) minmax(0, 1fr); column-gap: 4rem;
    grid-template-areas: "picture head" "picture text";
    grid-template-rows: auto 1fr; padding-top: 3rem;
  }}
  .card-head {{ align-self: end; }}
  .picture img {{ margin: 0; }}
}}

.pager {{ border-top: 1px solid var(--rule); background: #fff; }}
.pager-row {{
  display: grid; grid-template-columns: 1fr auto 1fr; gap: 1rem; align-items: center;
  padding-top: 1rem; padding-bottom: 1rem;
}}
.pager a {{ text-decoration: none; border-radius: 0.5rem; padding: 0.5rem 0.25rem; }}
.pager a:hover .name, .pager .overview:hover {{ text-decoration: underline; }}
.pager .dir {{ display: block; font-size: 0.8rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: 0.06em; color: var(--muted); }}
.pager .name {{ display: block; color: var(--teal); font-weight: 700; }}
.pager .prev {{ justify-self: start; }}
.pager .next {{ justify-self: end; text-align: right; }}
.pager .overview {{
  font-weight: 700; border: 2px solid var(--teal); padding: 0.45rem 0.9rem; color: var(--teal);
}}
@media (max-width: 30rem) {{
  .pager-row {{ grid-template-columns: 1fr 1fr; }}
  .pager .overview {{ grid-column: 1 / -1; grid-row: 2; justify-self: center; }}
}}

.footer {{ border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.9rem; }}
.footer .wrap {{
  display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem 2rem;
  padding-top: 1.25rem; padding-bottom: 1.5rem;
}}
.footer a {{ color: var(--muted); }}

@media print {{
  @page {{ size: A4; margin: 15mm; }}
  body {{ background: #fff; font-size: 11pt; display: block; min-height: 0; }}
  .skip, .bar, .pager, .footer {{ display: none; }}
  .hero {{ background: none; color: var(--ink); padding: 0 0 6mm; }}
  .hero a {{ color: var(--ink); }}
  .wrap {{ max-width: none; padding: 0; }}
  .card {{ break-inside: avoid; box-shadow: none; }}
  .card-page {{
    display: block; padding: 0; break-inside: avoid; page-break-inside: avoid;
  }}
  .card-head {{ margin-bottom: 6mm; }}
  .picture {{ break-inside: avoid; margin-bottom: 6mm; }}
  .picture img {{ width: auto; max-width: 100%; max-height: 120mm; margin: 0;
    box-shadow: none; border: 0.3mm solid var(--rule); }}
  .card-text {{ max-width: none; }}
  .card-text h2 {{ margin-top: 4mm; }}
  a {{ color: var(--ink); text-decoration: none; }}
}}
"""
