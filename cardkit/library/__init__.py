"""The library: question sets on disk. The store (atomic saves, conflicts, history,
deleted sets, logos), spreadsheet imports, and edits to a set as pure functions."""
