"""The designer page, driven headless with Streamlit's AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from cardkit.paths import ROOT

APP = str(ROOT / "designer_app.py")


def test_the_page_shows_a_card_front_and_back() -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    assert app.title[0].value == "Denk- en doekaartjes"
    assert app.selectbox[0].label == "Vragenset"
    assert [image.proto.imgs[0].caption for image in app.image] == ["Voorkant", "Achterkant"]
    assert "10 kaartjes" in app.caption[0].value


def test_choosing_another_card_changes_the_preview() -> None:
    app = AppTest.from_file(APP, default_timeout=60).run()
    first = [image.proto.imgs[0].url for image in app.image]
    app.number_input[0].set_value(2).run()
    second = [image.proto.imgs[0].url for image in app.image]
    assert not app.exception
    assert first[0] != second[0]
