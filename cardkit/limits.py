"""The limits cardkit accepts, in one place: beyond them input is refused with a clear message."""

MAX_CARDS_PER_SET = 1000
MAX_FIELD_CHARS = 2000
MAX_SET_FILE_BYTES = 10 * 1024 * 1024
MAX_LAYOUT_FILE_BYTES = 1024 * 1024
MAX_DPI = 1200
MAX_IMPORT_BYTES = 5 * 1024 * 1024
