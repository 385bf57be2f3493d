"""The tab "Downloaden": the card and the set as PNG, PDF, YAML and a website, and images to
share."""

from __future__ import annotations

from functools import partial
from typing import Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cardkit.deck import Deck
from cardkit.display import Side
from cardkit.errors import CardkitError
from cardkit.output import names
from cardkit.output.export import card_png, png_zip, set_pdf, usable_cores
from cardkit.output.share import PRESETS, email_pdf, encode, share_bundle, share_image
from cardkit.output.site import site_zip
from cardkit.read.sets import set_to_yaml
from designer.draft import Draft
from designer.state import deck_of
from designer.text import md
from designer.widgets import export_button, misfits_notice, stem_of


def downloads(draft: Draft) -> None:
    try:
        data = deck_of(draft)
    except CardkitError as error:
        st.error(md(error.message("nl")))
        return
    misfits_notice(draft)
    stem = stem_of(draft)
    if draft.card is not None:
        number = draft.selected + 1
        st.subheader(f"Kaartje {number}")
        columns = st.columns(2)
        sides: tuple[tuple[DeltaGenerator, Side, str], ...] = (
            (columns[0], "front", "Voorkant"),
            (columns[1], "back", "Achterkant"),
        )
        for column, side, text in sides:
            column.download_button(
                f"{text} als PNG (printkwaliteit)",
                data=partial(card_png, data, number, side),
                file_name=names.card_download(stem, number, side),
                mime="image/png",
                key=f"download-{side}",
            )
    share_section(draft, data)
    st.subheader("De hele set")
    export_button(
        draft,
        "zip",
        "een ZIP met alle kaartjes (PNG)",
        lambda report: png_zip(data, progress=report, cores=usable_cores()),
        names.set_download(stem, "zip"),
        "application/zip",
    )
    export_button(
        draft,
        "pdf",
        "een pdf, één kaartje per pagina",
        lambda report: set_pdf(data, report)[0],
        names.set_download(stem, "pdf"),
        "application/pdf",
    )
    export_button(
        draft,
        "website",
        "een website (ZIP): een pagina per kaartje, om online te zetten",
        lambda report: site_zip(data, report, cores=usable_cores()),
        names.set_download(stem, "website"),
        "application/zip",
    )
    if draft.card_set.site:
        st.caption(
            f"De QR-code op de achterkant wijst naar de pagina van elk kaartje op "
            f"{md(draft.card_set.site)}. Zet de website daar neer."
        )
    st.download_button(
        "Download de set als YAML",
        data=lambda: set_to_yaml(draft.card_set),
        file_name=names.set_download(stem, "yaml"),
        mime="application/x-yaml",
        key="download-yaml",
    )


SHARE_CHOICES = {
    "whatsapp": "WhatsApp en e-mail (het kaartje, 1600 pixels hoog)",
    "square": "Vierkant (1080 x 1080, voor een status of bericht)",
    "story": "Verhaal (1080 x 1920, staand beeldvullend)",
}


def share_section(draft: Draft, data: Deck) -> None:
    """Images sized for WhatsApp and social posts, a bundle to share, a PDF to mail."""
    st.subheader("Delen")
    preset_name = st.radio(
        "Formaat", list(SHARE_CHOICES), format_func=SHARE_CHOICES.get, key="share-preset"
    )
    chosen_format = st.radio(
        "Bestandstype",
        ["png", "jpeg"],
        format_func={"png": "PNG (scherpst)", "jpeg": "JPEG"}.get,
        key="share-format",
        horizontal=True,
    )
    image_format: Literal["png", "jpeg"] = "jpeg" if chosen_format == "jpeg" else "png"
    preset = PRESETS[preset_name]
    extension = "jpg" if image_format == "jpeg" else "png"
    stem = stem_of(draft)
    if draft.card is not None:
        number = draft.selected + 1
        st.download_button(
            f"Kaartje {number} om te delen",
            data=lambda: encode(
                share_image(data, number, preset), image_format, data.side_text(number, "front")
            ),
            file_name=names.share_download(stem, number, preset_name, extension),
            mime=f"image/{image_format}",
            key="download-share-card",
        )
    export_button(
        draft,
        "bundle",
        "een deelpakket (ZIP): alle kaartjes, een overzicht en de vragen als tekst",
        lambda report: share_bundle(data, preset, image_format, report),
        names.set_download(stem, "bundle"),
        "application/zip",
        setting=(preset_name, image_format),
    )
    export_button(
        draft,
        "email",
        "een pdf om te mailen (klein, zonder snijranden)",
        lambda report: email_pdf(data, report),
        names.set_download(stem, "email"),
        "application/pdf",
    )
