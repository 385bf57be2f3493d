"""The limits cardkit accepts, in one place: beyond them input is refused with a clear message.

Each limit is far above what a team needs (the largest real set has a few dozen cards)
and low enough that one upload cannot exhaust a small shared server.
"""

MAX_CARDS_PER_SET = 1000
MAX_FIELD_CHARS = 2000  # a question fills a card at about 200
MAX_TITLE_CHARS = 200  # a set's title: it names the set and stands on every back
# A set's link, in bytes of UTF-8: what a QR code of version 10 at error level M holds.
# On the smallest back (A7, an 18 mm code) each of its modules is still 0.28 mm.
MAX_LINK_CHARS = 213
# A set's website, in bytes of UTF-8: each card's QR code leads to its own page there, so
# the address plus a slash and the longest page name ("kaart-1000.html") fits in a link.
MAX_SITE_CHARS = MAX_LINK_CHARS - len("/kaart-1000.html")
MAX_SET_FILE_BYTES = 10 * 1024 * 1024
MAX_LAYOUT_FILE_BYTES = 1024 * 1024
MAX_YAML_ALIASES = 50  # &anchors and *aliases: a few are handy, thousands are an attack
MAX_YAML_DEPTH = 40  # nested lists and mappings
MAX_YAML_NODES = 100_000  # values in one YAML file: 1,000 cards need about 12,000
MAX_LENGTH_MM = 1000  # any length in a layout: a card is never larger than a poster
MAX_NUMBER_CHARS = 30  # characters of a number in a layout (a size, a position)
MAX_IMPORT_BYTES = 5 * 1024 * 1024  # a CSV or Excel file as uploaded
MAX_IMPORT_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a ZIP: what it may unpack to
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # a logo file
MAX_IMAGE_PIXELS = 25_000_000  # a logo, decoded: refused before it is decoded
MAX_IMAGE_ASPECT = 20  # a logo at most this many times as long as it is high, or the reverse
MAX_SETS_PER_TEAM = 500  # sets in one team's space (the examples have no cap)
MAX_TEAM_BYTES = 200 * 1024 * 1024  # a team's folder: sets, history, deleted sets, logos, drafts
MAX_NAME_LENGTH = 60  # characters of a set's file name, derived from its title
MAX_DPI = 1200
# A person's unsaved edits kept in one space (sets times browser tabs): far above the few
# a person keeps, and a bound on what one account can store in the examples' space.
MAX_DRAFTS_PER_PERSON = 50
DRAFT_DAYS = 30  # unsaved edits not touched for this long are thrown away, in every space
# The designer's front door (designer/gate), per signed-in person, or per browser session
# without sign-in: what a person never meets, and what bounds anyone else.
MAX_SESSIONS_PER_PERSON = 12  # open tabs of one sign-in
MAX_SESSIONS_PER_ADDRESS = 100  # without sign-in: tabs behind one address (an office)
MESSAGE_BURST = 60  # messages a page may send at once (a held-down arrow key in the list)
MESSAGES_PER_SECOND = 10  # and after that, on average
MESSAGE_BACKLOG = 40  # messages waiting for their turn before the connection is closed
MESSAGE_BACKLOG_BYTES = 16 * 1024 * 1024  # or their bytes (server.maxMessageSize: one)
SESSION_COST = 5  # a new page (a session's first run) counts as this many messages
UPLOADS_PER_SESSION = 8  # files a page holds in its uploaders
UPLOAD_BYTES_PER_SESSION = 24 * 1024 * 1024  # and their bytes together
# What one person's pages hold together, closed pages included (Streamlit keeps a closed
# page's files until its time to reconnect, server.disconnectedSessionTTL, is over).
UPLOAD_BYTES_PER_PERSON = 48 * 1024 * 1024
UPLOADS_AT_ONCE = 2  # uploads of one page in progress at the same time
