"""Text: a string, its fonts and a box in; runs per font, widths, hyphenation points and
the lines that fit at the largest size out. Pure, apart from cached font measurements."""
