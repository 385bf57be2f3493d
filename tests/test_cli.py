"""The command line, run as users and scripts run it: `python -m cardkit ...`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from cardkit.paths import ROOT
from tests.helpers import EXAMPLE_SETS

EXAMPLE = EXAMPLE_SETS[0]  # gelijkwaardig-samenwerken.yaml, 10 cards


def cardkit(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cardkit", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            **{k: v for k, v in os.environ.items() if k.startswith("CARDKIT_")},
        },
    )


def write_set(directory: Path, document: object) -> Path:
    path = directory / "set.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_check_passes_the_examples() -> None:
    for path in EXAMPLE_SETS:
        result = cardkit("check", path)
        assert result.returncode == 0, result.stderr
        assert "all fit" in result.stdout


def test_check_reports_an_overflow_by_card_number(tmp_path: Path) -> None:
    long_question = "Hoe voelt het om afhankelijk te zijn van een professional? " * 20
    cards = [
        {"kind": "denk", "question": "Hoe gaat het?"},
        {"kind": "doe", "question": long_question.strip()},
    ]
    result = cardkit("check", write_set(tmp_path, {"title": "T", "layout": "a6", "cards": cards}))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "card 2: question does not fit: needs 26 lines at 12 pt, room for 10; shorten the text"
    )
    assert lines[1:] == [
        "card 2: tip: question: the question has 200 words; the house style keeps it to 20 "
        "or fewer",
        "card 2: tip: question: a doekaartje starts with what to do, such as vraag, stel, "
        "schrijf, kies",
        "card 2: tip: question: the card asks 20 questions; keep it to 2, so that the "
        "conversation stays on one thing",
    ]
    assert "1 need attention" in result.stdout


def test_check_takes_several_sets_and_exits_with_the_worst(tmp_path: Path) -> None:
    """`check content/*.yaml`: each set gets its verdict; one unreadable set does not stop
    the others, and the exit code is the worst of them."""
    card = {"kind": "denk", "question": "Hoe gaat het met je?"}
    fine = write_set(tmp_path, {"title": "T", "layout": "a6", "cards": [card]})
    broken = tmp_path / "kapot.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    result = cardkit("check", EXAMPLE, broken, fine)
    assert result.returncode == 2
    verdicts = result.stdout.splitlines()
    assert len(verdicts) == 2 and all(line.endswith(": all fit") for line in verdicts)
    assert verdicts[1].startswith(str(fine))
    assert "kapot.yaml" in result.stderr
    assert cardkit("check", EXAMPLE, fine).returncode == 0


def test_png_writes_numbered_print_images(tmp_path: Path) -> None:
    result = cardkit("png", EXAMPLE, "-o", tmp_path / "out", "--dpi", "300")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names[:4] == ["card-01-back.png", "card-01.png", "card-02-back.png", "card-02.png"]
    assert len(names) == 20 and "card-10.png" in names
    with Image.open(tmp_path / "out" / "card-01.png") as image:
        assert image.format == "PNG" and image.mode == "RGB"
        assert image.size == (1311, 1819)  # (105 + 2 x 3) x (148 + 2 x 3) mm at 300 dpi
        assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)


def test_png_one_side_at_another_resolution(tmp_path: Path) -> None:
    result = cardkit("png", EXAMPLE, "-o", tmp_path, "--dpi", "100", "--side", "back")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"card-{n:02d}-back.png" for n in range(1, 11)]
    with Image.open(tmp_path / "card-03-back.png") as image:
        assert image.size == (437, 606)


def test_png_into_a_zip_holds_the_same_images(tmp_path: Path) -> None:
    result = cardkit("png", EXAMPLE, "-o", tmp_path / "kaartjes.zip", "--dpi", "100")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote 20 images to ")
    assert cardkit("png", EXAMPLE, "-o", tmp_path / "los", "--dpi", "100").returncode == 0
    with zipfile.ZipFile(tmp_path / "kaartjes.zip") as archive:
        assert archive.namelist()[:2] == ["card-01.png", "card-01-back.png"]
        for name in archive.namelist():
            assert archive.read(name) == (tmp_path / "los" / name).read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_numbering_grows_with_the_set(tmp_path: Path) -> None:
    cards = [{"kind": "doe", "question": f"Doe stap {n}."} for n in range(1, 101)]
    path = write_set(tmp_path, {"title": "Honderd", "layout": "a7", "cards": cards})
    result = cardkit("png", path, "-o", tmp_path / "out", "--dpi", "20", "--side", "front")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names[0] == "card-001.png" and names[-1] == "card-100.png"


def test_pdf_has_a_page_per_side_with_print_boxes(tmp_path: Path) -> None:
    output = tmp_path / "set.pdf"
    result = cardkit("pdf", EXAMPLE, "-o", output)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    assert len(reader.pages) == 20
    assert "/TrimBox" in reader.pages[0] and "/BleedBox" in reader.pages[0]


def test_layout_json_has_the_promised_shape() -> None:
    result = cardkit("layout", EXAMPLE, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    sides = document["sides"]
    assert len(sides) == 20
    first = sides[0]
    assert {"card", "side", "width", "height", "bleed", "safe", "zones", "lines"} <= set(first)
    assert (first["card"], first["side"], first["width"], first["height"]) == (1, "front", 111, 154)
    assert first["bleed"] == 3
    box_keys = {"x", "y", "width", "height"}
    assert set(first["safe"]) == box_keys
    assert set(first["zones"]["question"]) == box_keys
    for line in first["lines"]:
        assert {"zone", "text", "x", "y", "width", "height", "font", "size"} <= set(line)
    question = [line for line in first["lines"] if line["zone"] == "question"]
    assert " ".join(line["text"] for line in question) == (
        "Wanneer was jij zelf afhankelijk van een professional? Wat had je toen nodig?"
    )
    assert question[0]["font"] == "Lato-Bold"
    assert sides[1]["side"] == "back"


# --- bad input: exit 2, one line, no traceback ---------------------------------------


def assert_bad_input(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [expected]


def test_missing_file(tmp_path: Path) -> None:
    assert_bad_input(cardkit("check", "nope.yaml", cwd=tmp_path), "nope.yaml: file not found")


def test_invalid_yaml(tmp_path: Path) -> None:
    (tmp_path / "set.yaml").write_text("title: [oeps\n", encoding="utf-8")
    result = cardkit("png", "set.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("set.yaml: line 2, column 1: YAML syntax error: ")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_unknown_layout(tmp_path: Path) -> None:
    write_set(tmp_path, {"title": "T", "layout": "a5", "cards": []})
    assert_bad_input(
        cardkit("pdf", "set.yaml", "-o", "x.pdf", cwd=tmp_path),
        'set.yaml: layout: no layout named "a5" (known: a6, a6-groot, a6-hoog-contrast, a7)',
    )
    assert not (tmp_path / "x.pdf").exists()


def test_wrong_type(tmp_path: Path) -> None:
    write_set(tmp_path, {"title": "T", "layout": "a6", "cards": "geen lijst"})
    assert_bad_input(
        cardkit("layout", "set.yaml", "--json", cwd=tmp_path),
        'set.yaml: cards: expected a list of cards, got "geen lijst"',
    )


def test_over_the_limits(tmp_path: Path) -> None:
    cards = [{"kind": "denk", "question": "Hoe?"} for _ in range(1001)]  # no YAML aliases
    write_set(tmp_path, {"title": "T", "layout": "a6", "cards": cards})
    assert_bad_input(
        cardkit("check", "set.yaml", cwd=tmp_path),
        "set.yaml: cards: 1,001 cards; a set holds at most 1,000",
    )


@pytest.mark.parametrize(
    "args, expected",
    [
        (("png", "x.yaml", "-o", "d", "--dpi", "groot"), "expected a number of dots per inch"),
        (("png", "x.yaml", "-o", "d", "--dpi", "5000"), "expected 10 to 1200 dots per inch"),
        (("png", "x.yaml"), "the following arguments are required: -o/--output"),
        (("print", "x.yaml"), "invalid choice: 'print'"),
    ],
)
def test_usage_mistakes_are_one_line(tmp_path: Path, args, expected: str) -> None:
    result = cardkit(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert expected in result.stderr


def test_check_reports_an_empty_question(tmp_path: Path) -> None:
    cards = [{"kind": "denk", "question": "Hoe gaat het?"}, {"kind": "doe", "question": ""}]
    result = cardkit("check", write_set(tmp_path, {"title": "T", "layout": "a6", "cards": cards}))
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["card 2: the question is empty"]


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["pdf", "--sheets", "A4", "--duplex", "long"],
        ["png", "--preset", "square"],
        ["share"],
        ["pdf", "--email"],
    ],
)
def test_each_command_lays_out_each_card_side_once(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from cardkit import deck
    from cardkit.cli import main

    laid_out: list[tuple[int, str]] = []
    original = deck.lay_out_side

    def counting(card_set, layout, number, side, logo=None):
        laid_out.append((number, side))
        return original(card_set, layout, number, side, logo)

    monkeypatch.setattr(deck, "lay_out_side", counting)
    output = ["-o", str(tmp_path / ("out.zip" if command[0] == "share" else "out"))]
    if command[0] == "pdf":
        output = ["-o", str(tmp_path / "out.pdf")]
    main([command[0], str(EXAMPLE_SETS[1]), *output, *command[1:]] if command != ["check"] else
         ["check", str(EXAMPLE_SETS[1])])  # fmt: skip
    assert laid_out
    assert len(laid_out) == len(set(laid_out))


@pytest.mark.parametrize("command", ["pdf", "png", "share"])
def test_an_output_never_replaces_the_set_it_reads(tmp_path: Path, command: str) -> None:
    path = tmp_path / "set.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    result = cardkit(command, path, "-o", path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{path}: is the file being read; choose another name for the output"
    ]
    assert path.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize("output", ["kaartjes", "kaartjes.zip"])
def test_an_export_that_fails_half_way_leaves_nothing(
    tmp_path: Path, output: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The third image cannot be drawn: no folder, no ZIP, no temporary file remains, and
    a one-line message; what was there before stays."""
    from cardkit.cli import main
    from cardkit.output import export

    original = export.render_pngs

    def third_fails(pages, dpi, cores=1, *describe):
        for number, done in enumerate(original(pages, dpi, 1, *describe), start=1):
            if number == 3:
                raise MemoryError("out of memory")
            yield done

    monkeypatch.setattr(export, "render_pngs", third_fails)
    before = sorted(path.name for path in tmp_path.iterdir())
    code = main(["png", str(EXAMPLE), "-o", str(tmp_path / output)])
    assert code == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == before
    [line] = capsys.readouterr().err.splitlines()
    assert "Traceback" not in line and "out of memory" in line


@pytest.mark.parametrize(
    "command, output, expected",
    [
        ("pdf", "/dev/full", "/dev/full: is not a plain file (a device or a pipe)"),
        ("pdf", ".", ".: is a folder; give a file name"),
        ("share", "een-bestand/x.zip", "een-bestand/x.zip: cannot be written (Not a directory)"),
        ("png", ".", ".: holds the set being read, under an image's name"),
    ],
)
def test_an_output_that_would_replace_something_else_is_refused_first(
    tmp_path: Path, command: str, output: str, expected: str
) -> None:
    """A rename replaces whatever is at its target: a device, or the input itself."""
    source = tmp_path / ("card-01.png" if command == "png" else "set.yaml")
    source.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "een-bestand").write_text("blijft")
    before = sorted((path.name, path.read_bytes()) for path in tmp_path.iterdir())
    device = os.stat("/dev/full")
    result = cardkit(command, source.name, "-o", output, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0].startswith(expected), result.stderr
    assert sorted((path.name, path.read_bytes()) for path in tmp_path.iterdir()) == before
    assert os.stat("/dev/full").st_rdev == device.st_rdev and not Path("/dev/full").is_file()
