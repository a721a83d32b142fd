"""The golden site: a tiny directory whose built output is committed in tests/golden/output.

Regenerate it after an intended change with `make golden`.
"""

SITENAME = "Golden Test Directory"
SITEURL = ""
TIMEZONE = "America/Denver"
DEFAULT_LANG = "en"
PATH = "content"
OUTPUT_PATH = "../output"
THEME = "../../../theme"
PLUGIN_PATHS = ["../../../plugins"]
PLUGINS = ["pillar"]
DIRECTORY_PATH = "directory"
SAMPLE_DATA_NOTICE = False
HELP_LINES = [{"name": "Test Crisis Line", "phone": "+1 555 0100", "text": "A number for tests."}]
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_PATHS = []
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
MAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
MAP_ATTRIBUTION = "Test tiles"
DIRECTIONS_URL = "https://maps.example.org/directions?to={lat},{lon}"
