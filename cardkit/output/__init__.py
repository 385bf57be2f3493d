"""Output: a Deck in; the files people use out: print PNGs and PDFs, sheets with crop marks
and duplex backs, share images and bundles, screen previews and the layout as JSON."""
