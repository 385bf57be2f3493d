"""The colours of a layout's palette as CSS custom properties, for every page cardkit
writes (the website, the meeting view): one source, the layout, so a set in
a6-hoog-contrast wears its own darker colours on screen as on paper."""

from __future__ import annotations

from cardkit.display import RGB, hex_color
from cardkit.read.style import Layout

# The palette names the pages use, and what each is for. Every house-style layout has
# them (layouts/a6.yaml, which the others extend).
PAGE_COLOURS = ("ink", "paper", "muted", "rule", "teal", "teal_light", "orange", "orange_light")


def page_colour(layout: Layout, name: str) -> RGB:
    """A palette colour of `layout`; a layout without it takes a6's (the house style)."""
    if name in layout.palette:
        return layout.palette[name]
    from cardkit.read.layouts import load_layout

    return load_layout("a6").palette[name]


def css_colours(layout: Layout) -> str:
    """`--ink: #1F2933; --paper: ...;` for a style sheet's :root, and `--teal-dark`, the
    teal darkened a quarter towards ink (what a link turns when pointed at)."""
    colours = {name: page_colour(layout, name) for name in PAGE_COLOURS}
    teal, ink = colours["teal"], colours["ink"]
    dark = tuple(round(a * 0.75 + b * 0.25) for a, b in zip(teal, ink, strict=True))
    properties = [f"--{name.replace('_', '-')}: {hex_color(c)};" for name, c in colours.items()]
    properties.append(f"--teal-dark: {hex_color((dark[0], dark[1], dark[2]))};")
    return " ".join(properties)
