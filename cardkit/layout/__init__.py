"""Layout: one card of a set plus its house style in; one display list (a `Page`, in mm)
out. Pure: both renderers draw what this produces, so the PNG and the PDF always agree."""
