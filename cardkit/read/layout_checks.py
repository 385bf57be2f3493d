"""Checks that need a whole, merged layout: colour references, font roles, and every zone,
shape, logo and QR code within the bleed or the safe area."""

from __future__ import annotations

from cardkit.errors import Text
from cardkit.geometry import Box, pt_to_mm
from cardkit.read.layout_schema import COLOR, hex_problem
from cardkit.read.schema import Node
from cardkit.read.style import Layout, Shape, SideDesign


def _check_within_page(side_node: Node, layout: Layout, design: SideDesign) -> None:
    """Shapes may reach into the bleed, not beyond it: cards sit side by side on a sheet.
    Logo and QR code carry information, so they stay inside the safe area."""
    fmt = layout.format
    page = Box(-fmt.bleed, -fmt.bleed, fmt.width + 2 * fmt.bleed, fmt.height + 2 * fmt.bleed)
    outside = Text(
        f"reaches beyond the bleed ({fmt.bleed:g} mm outside the trim)",
        f"komt buiten de afloop ({fmt.bleed:g} mm buiten de snijrand)",
    )
    for shape_node, shape in zip(
        () if side_node.child("shapes").missing else side_node.child("shapes").items(),
        design.shapes,
        strict=False,
    ):
        if not page.contains(_shape_bounds(shape)):
            shape_node.fail(outside)
    unsafe = Text(
        f"lies outside the safe area ({fmt.safe:g} mm inside the trim)",
        f"komt buiten het veilige gebied ({fmt.safe:g} mm binnen de snijrand)",
    )
    if design.icon and not page.contains(design.icon.box):
        side_node.child("icon").fail(outside)
    if design.logo and not fmt.safe_area.contains(design.logo.box):
        side_node.child("logo").fail(unsafe)
    if design.qr and not fmt.safe_area.contains(
        Box(design.qr.x, design.qr.y, design.qr.size, design.qr.size)
    ):
        side_node.child("qr").fail(unsafe)


def _shape_bounds(shape: Shape) -> Box:
    if shape.kind == "polygon":
        xs = [x for x, _ in shape.points]
        ys = [y for _, y in shape.points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    assert shape.box is not None
    return shape.box


def check_references(node: Node, layout: Layout) -> None:
    """Cross-checks that need the whole layout: colours, font roles, zones in the safe area."""

    def check_color(where: Node) -> None:
        if where.missing:
            return
        for kind in layout.kinds.values():
            resolved = kind.colors.get(where.value, where.value)
            if resolved.startswith("#"):
                if (problem := hex_problem(resolved)) is not None:
                    where.fail(problem)
            elif resolved not in layout.palette:
                where.expect(COLOR)

    def check_shapes(shapes: Node, color_required: bool) -> None:
        """Icon shapes may leave out their colour (the icon's applies); others may not."""
        for shape in () if shapes.missing else shapes.items():
            if color_required and shape.child("color").missing:
                shape.fail(Text('a shape needs "color"', 'een vorm heeft "color" nodig'))
            check_color(shape.child("color"))

    for kind in node.child("kinds").names().values():
        for role in kind.child("colors").names().values():
            check_color(role)
        check_shapes(kind.child("icon"), color_required=False)

    safe = layout.format.safe_area
    for side_name in ("front", "back"):
        side_node = node.child(side_name)
        check_color(side_node.child("background"))
        check_shapes(side_node.child("shapes"), color_required=True)
        check_color(side_node.child("icon").child("color"))
        check_color(side_node.child("logo").child("background"))
        check_color(side_node.child("qr").child("color"))
        check_color(side_node.child("qr").child("background"))
        _check_within_page(side_node, layout, layout.side(side_name))
        for zone in layout.side(side_name).zones:
            where = side_node.child("zones").child(zone.name)
            check_color(where.child("color"))
            if zone.font not in layout.fonts:
                known = ", ".join(layout.fonts)
                where.child("font").fail(
                    Text(
                        f'no font role "{zone.font}" (known: {known})',
                        f'geen letterrol "{zone.font}" (bekend: {known})',
                    )
                )
            if not safe.contains(zone.box):
                where.fail(
                    Text(
                        f"the box reaches outside the safe area "
                        f"({layout.format.safe:g} mm inside the trim)",
                        f"het vak komt buiten het veilige gebied "
                        f"({layout.format.safe:g} mm binnen de snijrand)",
                    )
                )
            one_line = pt_to_mm(zone.min_size) * zone.leading
            if zone.box.height + 1e-6 < one_line:
                where.child("height").fail(
                    Text(
                        f"{zone.box.height:g} mm holds no line at {zone.min_size:g} pt "
                        f"(needs {one_line:.1f} mm)",
                        f"{zone.box.height:g} mm is te laag voor één regel van "
                        f"{zone.min_size:g} pt ({one_line:.1f} mm nodig)",
                    )
                )
