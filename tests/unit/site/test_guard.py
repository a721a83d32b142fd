"""Links out of the site's folder are found in any input folder, without following a loop forever."""

from __future__ import annotations

import os

from pillar.site.guard import outside_links


def test_links_inside_are_followed_once_and_links_outside_are_named(tmp_path):
    site, outside = tmp_path / "site", tmp_path / "outside"
    (site / "content" / "pages").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (site / "content" / "loop").symlink_to(site / "content", target_is_directory=True)  # a loop: walked once
    (site / "content" / "pages" / "again").symlink_to(site / "content" / "pages", target_is_directory=True)
    (site / "content" / "pages" / "fine.md").symlink_to(site / "README.md")  # inside the site, even if missing
    (site / "content" / "pages" / "leak.md").symlink_to(outside / "secret.txt")
    (site / "content" / "gone.md").symlink_to(outside / "missing.txt")  # a dangling link outside, too
    found = outside_links(str(site / "content"), os.path.realpath(site))
    assert sorted((p.path, p.message.split(",")[0]) for p in found) == [
        ("content/gone.md", f"this is a link to {os.path.realpath(outside / 'missing.txt')}"),
        ("content/pages/leak.md", f"this is a link to {os.path.realpath(outside / 'secret.txt')}"),
    ]


def test_a_theme_elsewhere_may_link_inside_itself(tmp_path):
    theme = tmp_path / "shared-theme"
    (theme / "static").mkdir(parents=True)
    (theme / "static" / "css").mkdir()
    (theme / "static" / "alias").symlink_to(theme / "static" / "css", target_is_directory=True)
    assert outside_links(str(theme), str(tmp_path / "site")) == []
