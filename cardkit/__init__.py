"""cardkit: think-and-do question cards in a fixed house style, as PNG to share and PDF to print.

The pipeline, one sub-package per stage:

    read/     YAML files in; a validated CardSet and Layout out (and a Deck: both, with the logo)
    text/     strings and fonts in; measured, hyphenated and fitted lines out
    layout/   a card of a Deck in; a display list (Page, in mm) out
    render/   display lists in; PNG and PDF bytes out (one Renderer interface)
    output/   Decks in; the files people use out: exports, sheets, share images, previews
    checks/   laid-out sets in; problems and writing tips out
    library/  sets on disk: the store with its history, imports, edits

`model` (Card, CardSet), `display` (the display list) and `deck` (Deck) are the data the
stages pass along. Nothing in cardkit imports Streamlit: the designer is its own package.
"""
