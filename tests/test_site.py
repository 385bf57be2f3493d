"""A set's website (`python -m cardkit site`): its pages, links, bytes, escaping and folder."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from PIL import Image

from cardkit.deck import Deck, open_deck
from cardkit.display import hex_color
from cardkit.output import site
from cardkit.output.names import SITE_STYLE
from cardkit.output.site import site_zip, write_site
from cardkit.paths import FONTS_DIR
from cardkit.read.layouts import load_layout
from tests.helpers import EXAMPLE_SETS
from tests.test_cli import cardkit

EXAMPLE = EXAMPLE_SETS[0]  # gelijkwaardig-samenwerken.yaml: 10 cards, a link
HOSTILE = {
    "title": '<script>alert("titel")</script> "Set" & co',
    "layout": "a6",
    "link": 'https://example.org/?q="><script>alert(1)</script>',
    "cards": [
        {
            "kind": "denk",
            "title": "<img src=x onerror=alert(2)>",
            "question": 'Wat doe je met "dit" & </p><script>alert(3)</script>?',
            "hint": "<a href=javascript:alert(4)>klik</a>",
            "moment": "' onmouseover='alert(5)",
        },
        {"kind": "doe", "question": "Vraag <b>het</b> na.", "title": '" autofocus onfocus="x'},
    ],
}


class Parsed(HTMLParser):
    """Every element with its attributes, and the text of the document."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.texts))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


def parsed(folder: Path, name: str) -> Parsed:
    return Parsed((folder / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def deck() -> Deck:
    return open_deck(EXAMPLE)


@pytest.fixture(scope="module")
def built(deck: Deck, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "site"
    folder.mkdir()
    write_site(deck, folder)
    return folder


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_overview_lists_every_card_with_a_link_to_its_page(deck: Deck, built: Path) -> None:
    index = parsed(built, "index.html")
    assert ("html", {"lang": "nl"}) in index.elements
    assert f"{deck.card_set.title} 10 kaartjes: 6 denkkaartjes en 4 doekaartjes" in index.text
    links = [a["href"] for a in index.all("a")]
    for number, card in enumerate(deck.card_set.cards, start=1):
        label = deck.layout.kinds[card.kind].label
        assert f"{label} Kaartje {number} {card.title} {card.question}" in index.text
        assert f"kaart-{number:02d}.html" in links
    assert "https://vimeo.com/652448506" in links


def test_a_card_page_gives_its_text_picture_number_and_way_on(deck: Deck, built: Path) -> None:
    card = deck.card_set.cards[2]
    page = parsed(built, "kaart-03.html")
    for text in (card.title, card.question, card.hint, card.moment, "Kaartje 3 van 10"):
        assert text in page.text
    [image] = page.all("img")
    assert image["alt"] == card.question
    picture = Image.open(built / image["src"])
    assert picture.size == (int(image["width"]), int(image["height"])) == (620, 874)
    links = {a.get("rel"): a["href"] for a in page.all("a")}
    assert links["prev"] == "kaart-02.html" and links["next"] == "kaart-04.html"
    hrefs = [a["href"] for a in page.all("a")]
    assert "index.html" in hrefs and "https://vimeo.com/652448506" in hrefs
    first, last = parsed(built, "kaart-01.html"), parsed(built, "kaart-10.html")
    assert "prev" not in {a.get("rel") for a in first.all("a")}
    assert "next" not in {a.get("rel") for a in last.all("a")}


def test_headings_come_in_order(built: Path) -> None:
    for name in ("index.html", "kaart-01.html", "kaart-05.html"):
        levels = [int(tag[1]) for tag, _ in parsed(built, name).elements if re.match(r"h\d$", tag)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (name, levels)


def test_everything_is_inside_the_folder_and_linked_relatively(built: Path) -> None:
    """No address leaves the folder (but the set's own link); every one leads to a file."""
    targets: list[tuple[str, str]] = []
    for path in built.glob("*.html"):
        page = parsed(built, path.name)
        for _, attrs in page.elements:
            for key in ("href", "src", "srcset", "action", "poster", "data"):
                if attrs.get(key) is not None:
                    targets.append((path.name, attrs[key]))
    css = (built / "site.css").read_text(encoding="utf-8")
    targets += [("site.css", url) for url in re.findall(r"url\(\"?([^\")]+)\"?\)", css)]
    assert "@import" not in css
    outside = [t for t in targets if re.match(r"[a-z][a-z0-9+.-]*:|/", t[1], re.IGNORECASE)]
    assert {url for _, url in outside} <= {"https://vimeo.com/652448506", "data:,"}
    for source, url in targets:
        if url.startswith("#"):  # the skip link: to an element of the same page
            assert ("main", url[1:]) in [
                (t, a.get("id")) for t, a in parsed(built, source).elements
            ]
        elif (source, url) not in outside:
            assert (built / url).is_file(), f"{source} links to {url}, which is missing"
    assert {name for _, name in targets if name.startswith("fonts/")} >= {
        "fonts/Lato-Regular.ttf",
        "fonts/Lato-Bold.ttf",
        "fonts/OFL-Lato.txt",
    }


def test_the_fonts_are_the_house_fonts_unchanged_with_their_licence(built: Path) -> None:
    for name in ("Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf", "OFL-Lato.txt"):
        assert (built / "fonts" / name).read_bytes() == (FONTS_DIR / name).read_bytes()


def test_the_same_set_gives_the_same_bytes(deck: Deck, tmp_path: Path) -> None:
    first, second = tmp_path / "een", tmp_path / "twee"
    for folder in (first, second):
        folder.mkdir()
        write_site(open_deck(EXAMPLE), folder)
    files = every_file(first)
    assert len(files) == 1 + 1 + 4 + 2 * 10
    assert files == every_file(second)
    data = site_zip(deck)
    assert data == site_zip(open_deck(EXAMPLE))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.filename: archive.read(info) for info in archive.infolist()} == files
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_several_cores_draw_the_same_bytes(deck: Deck) -> None:
    """A large set's pictures are drawn by worker processes: the ZIP is the same."""
    many = replace(deck, card_set=replace(deck.card_set, cards=deck.card_set.cards * 2))
    assert len(many.card_set.cards) >= site.PARALLEL_FROM
    assert site_zip(many, cores=2) == site_zip(replace(many), cores=1)


def test_text_a_person_typed_is_never_markup(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(HOSTILE, allow_unicode=True), encoding="utf-8")
    folder = tmp_path / "site"
    result = cardkit("site", path, "-o", folder)
    assert result.returncode == 0, result.stderr
    for name in ("index.html", "kaart-01.html", "kaart-02.html"):
        page = parsed(folder, name)
        tags = {tag for tag, _ in page.elements}
        assert "script" not in tags and "b" not in tags
        assert [attrs["src"] for attrs in page.all("img")] in ([], [name.replace("html", "png")])
        for tag, attrs in page.elements:
            assert not [key for key in attrs if key.startswith("on") or key == "autofocus"], tag
        hrefs = [a["href"] for a in page.all("a")]
        assert not [href for href in hrefs if "javascript" in href.lower()]
        assert HOSTILE["title"] in page.text  # shown as the text it is
    card = parsed(folder, "kaart-01.html")
    for key in ("title", "question", "hint", "moment"):
        assert HOSTILE["cards"][0][key] in card.text
    assert card.all("img")[0]["alt"] == HOSTILE["cards"][0]["question"]


@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "//evil.example/"])
def test_only_a_web_address_becomes_a_link(deck: Deck, tmp_path: Path, link: str) -> None:
    """A set from the designer or a library never passes the reader's check again: the
    site checks the link itself before it makes it one."""
    risky = replace(deck, card_set=replace(deck.card_set, link=link))
    write_site(risky, tmp_path)
    for name in ("index.html", "kaart-01.html"):
        page = parsed(tmp_path, name)
        assert link not in [a["href"] for a in page.all("a")]
        assert link in page.text


def test_a_site_replaces_an_earlier_site_whole(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    assert cardkit("site", EXAMPLE, "-o", folder).returncode == 0
    smaller = tmp_path / "klein.yaml"
    document = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    document["cards"] = document["cards"][:3]
    smaller.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = cardkit("site", smaller, "-o", folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote a website of 4 pages to {folder}\n"
    assert sorted(path.name for path in folder.glob("kaart-*")) == [
        f"kaart-0{n}.{ext}" for n in (1, 2, 3) for ext in ("html", "png")
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["klein.yaml", "site"]
    assert folder.stat().st_mode & 0o777 == 0o755


@pytest.mark.parametrize("stranger", ["notities.txt", ".git", "index.html"])
def test_a_folder_with_other_files_is_refused(tmp_path: Path, stranger: str) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / stranger).write_text("van iemand anders")
    result = cardkit("site", EXAMPLE, "-o", folder)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{folder}: holds files that are not a website made by cardkit ({stranger}); a "
        "website replaces its whole folder: choose a new or empty folder"
    ]
    assert [path.name for path in folder.iterdir()] == [stranger]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["map"]


@pytest.mark.parametrize(
    "work", ["fonts/mijn-werk/rapport.docx", "fonts/notities.txt", "kaart-77.png/scriptie.txt"]
)
def test_someones_work_inside_an_earlier_site_is_never_replaced(tmp_path: Path, work: str) -> None:
    """Only what cardkit writes may be replaced: a file someone put in the fonts folder, or
    a folder with a page's name, makes the folder someone's again."""
    folder = tmp_path / "site"
    assert cardkit("site", EXAMPLE, "-o", folder).returncode == 0
    (folder / work).parent.mkdir(parents=True, exist_ok=True)
    (folder / work).write_text("van iemand anders")
    result = cardkit("site", EXAMPLE, "-o", folder)
    assert result.returncode == 2
    assert "holds files that are not a website made by cardkit" in result.stderr
    assert work.rsplit("/", 1)[0] in result.stderr  # named, as far as cardkit may look
    assert (folder / work).read_text() == "van iemand anders"


def test_an_empty_folder_and_a_zip_are_fine(tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    assert cardkit("site", EXAMPLE, "-o", tmp_path / "leeg").returncode == 0
    result = cardkit("site", EXAMPLE, "-o", tmp_path / "site.zip")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        unpacked = {info.filename: archive.read(info) for info in archive.infolist()}
    assert unpacked == every_file(tmp_path / "leeg")


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("blijft")
    result = cardkit("site", EXAMPLE, "-o", tmp_path / "site")
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'site'}: is a file; give a folder (or a .zip file)\n"
    assert (tmp_path / "site").read_text() == "blijft"


@pytest.mark.parametrize("earlier", [False, True])
def test_a_site_that_fails_half_way_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, earlier: bool
) -> None:
    """The third picture cannot be drawn: no folder and no temporary folder remain, an
    earlier site stays as it was, and the message is one line."""
    from cardkit.cli import main

    folder = tmp_path / "site"
    if earlier:
        assert main(["site", str(EXAMPLE), "-o", str(folder)]) == 0
    before = every_file(folder) if earlier else None
    original = site.card_picture

    def third_fails(deck: Deck, number: int) -> bytes:
        if number == 3:
            raise MemoryError("out of memory")
        return original(deck, number)

    monkeypatch.setattr(site, "card_picture", third_fails)
    capsys.readouterr()
    assert main(["site", str(EXAMPLE), "-o", str(folder)]) == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == (["site"] if earlier else [])
    if earlier:
        assert every_file(folder) == before
    [line] = capsys.readouterr().err.splitlines()
    assert "Traceback" not in line and "out of memory" in line


def test_exit_codes_as_for_every_command(tmp_path: Path) -> None:
    document = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    document["cards"][1]["question"] = "Hoe gaat het echt met je, vandaag en morgen? " * 12
    overflowing = tmp_path / "lang.yaml"
    overflowing.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = cardkit("site", overflowing, "-o", tmp_path / "lang")
    assert result.returncode == 1
    assert "card 2: question does not fit" in result.stderr
    assert (tmp_path / "lang" / "kaart-02.html").is_file()  # written all the same

    document["site"] = "javascript:alert(1)"
    bad = tmp_path / "slecht.yaml"
    bad.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    result = cardkit("site", bad, "-o", tmp_path / "slecht")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}: site: expected a web address starting with https://")
    assert not (tmp_path / "slecht").exists()

    result = cardkit("site", EXAMPLE, "-o", EXAMPLE)
    assert result.returncode == 2 and "is the file being read" in result.stderr


@pytest.mark.parametrize("layout", ["a6", "a6-hoog-contrast", "a7"])
def test_a_site_wears_the_colours_of_its_sets_layout(tmp_path: Path, layout: str) -> None:
    """Every colour of the site's style sheet comes from the set's own layout: a
    high-contrast set is as dark on screen as on paper."""
    card_set = replace(open_deck(EXAMPLE).card_set, layout=layout)
    folder = tmp_path / "site"
    write_site(Deck(card_set, load_layout(layout), card_set.title, None), folder)
    style = (folder / SITE_STYLE).read_text(encoding="utf-8")
    own = {hex_color(colour) for colour in load_layout(layout).palette.values()}
    for name in ("ink", "paper", "muted", "rule", "teal", "orange"):
        assert f"--{name}: {hex_color(load_layout(layout).palette[name])};" in style, name
    house = {
        hex_color(c)
        for other in ("a6", "a6-hoog-contrast")
        for c in load_layout(other).palette.values()
    }
    assert [colour for colour in house - own if colour in style] == []
