"""Rendering: display lists in; PNG images (Pillow) and PDF pages (fpdf2) out. Renderers
implement `cardkit.display.Renderer` and make no layout decisions."""
