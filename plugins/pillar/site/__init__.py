"""The Pelican side: the generator, the pages and files a build writes, the templates' filters and
translations, the theme's scripts and vendored files, and incremental builds."""
