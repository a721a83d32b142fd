"""Settings for the sample Pillar site. Every setting is described in README.md."""

SITENAME = "Pillar sample directory"
SITEURL = ""
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["pillar"]

# Pillar
DIRECTORY_PATH = "directory"
SAMPLE_DATA_NOTICE = True

# The first language is served at /, the others at /<lang>/ (translations in theme/translations/).
LANGUAGES = ["en", "es"]

# Pages from content/ live at /<slug>/, their translations (Lang: es) at /es/<slug>/.
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"

# Pillar writes its own home page and has no blog: no articles, feeds or archives.
ARTICLE_PATHS = []
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
DEFAULT_PAGINATION = False
RELATIVE_URLS = False
