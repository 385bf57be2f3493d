"""Checks: a set and its laid-out pages in; problems (text that does not fit, characters
no font has), notes and writing tips out, in card order. Tips never block."""
