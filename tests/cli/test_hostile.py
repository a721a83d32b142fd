"""A hostile pull request: whatever it adds gets a clear answer — never a traceback, a hang, one bad
file hiding the others, or a file published that should not be."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import REPO, make_site, run_pillar

GOOD = """\
name: Sample Group
day: monday
time: "19:30"
address: 1 Sample St, Austin, TX
latitude: 30.27
longitude: -97.74
"""
HOSTILE = {
    "tag.yaml": GOOD + "approximate: !!binary aGk=\n",
    "int.yaml": GOOD.replace("latitude: 30.27", "latitude: !!int 0x1F"),
    "inf.yaml": GOOD + "notes: !!float .inf\n",
    "date.yaml": GOOD + "last_verified: !!timestamp 2026-99-99\n",
    "nul.yaml": GOOD.replace("Sample Group", "Sample\x00Group"),
    "escaped-nul.yaml": GOOD.replace("Sample Group", '"Sample\\0Group"'),
    "surrogate.yaml": GOOD.replace("Sample Group", '"Sample \\ud800 Group"'),
    "esc.yaml": GOOD.replace("Sample Group", '"\\e[2J\\e]0;pwned\\a"'),
    "deep.yaml": GOOD + "notes: " + "[" * 200 + "]" * 200 + "\n",
    "bomb.yaml": GOOD + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(8)),
    "regions.yaml": GOOD + "regions: [" + ", ".join(f"R{n}" for n in range(300)) + "]\n",
    "email.yaml": GOOD + "email: a@" + "." * 100_000 + "@\n",
    "mailto.yaml": GOOD + "email: mailto:office@example.org\n",
    "rlo.yaml": GOOD + "website: https://\u202eelgoog.example/\n",
    "nel.yaml": GOOD.replace("day: monday\n", "day: monday\x85") + "notes: after\n",
    "big.yaml": GOOD + "types: [" + ", ".join(["O"] * 200_000) + "]\n",
}


def test_every_hostile_file_is_answered_and_none_hides_the_others(tmp_path):
    files = {f"meetings/{name}": text for name, text in HOSTILE.items()}
    files.update({f"meetings/good-{n}.yaml": GOOD.replace("Sample Group", f"Group {n}") for n in range(3)})
    site = make_site(tmp_path, files)
    result = run_pillar("validate", cwd=site)
    assert result.code == 1 and "Traceback" not in result.err
    reported = {line.split(":", 1)[0].removeprefix("directory/meetings/") for line in result.out.splitlines()}
    assert reported == set(HOSTILE)  # every hostile file, and no good one
    assert all(len(line) < 500 for line in result.out.splitlines())
    for raw in ("\x00", "\x1b", "\u202e", "\x85", "\ud800"):
        assert raw not in result.out
    assert "pillar: checked 19 listing files: " in result.err
    built = run_pillar("build", "-o", tmp_path / "out", cwd=site)
    assert built.code == 1 and "Traceback" not in built.err and not (tmp_path / "out").exists()
    assert "nothing was published" in built.err


def test_a_file_name_cannot_forge_an_annotation(tmp_path):
    site = make_site(tmp_path, {"meetings/x\n::error file=README.md::forged.yaml": GOOD.replace("monday", "mondy")})
    result = run_pillar("validate", "--format", "github", cwd=site)
    (line,) = result.out.splitlines()
    assert line.startswith("::error file=directory/meetings/x\\x0a%3A%3Aerror file=README.md%3A%3Aforged.yaml,")


def test_regions_that_share_a_page_are_errors_naming_both(tmp_path):
    site = make_site(tmp_path, {
        "meetings/a.yaml": GOOD + "regions: [Brazil, São Paulo]\n",
        "meetings/b.yaml": GOOD.replace("Sample Group", "B") + "regions: [Brazil, Sao Paulo]\n",
        "meetings/c.yaml": GOOD.replace("Sample Group", "C") + "regions: [Brazil, SAO PAULO!]\n",
        "meetings/d.yaml": GOOD.replace("Sample Group", "D") + "regions: [Brazil, São Paulo]\n",
        "meetings/e.yaml": GOOD.replace("Sample Group", "E") + "regions: [Brazil, Sao Paulo]\n",
    })
    result = run_pillar("validate", cwd=site)
    assert result.code == 1
    assert result.out.splitlines() == [
        'directory/meetings/b.yaml:7:10: regions: "Brazil / Sao Paulo" and "Brazil / São Paulo" '
        "(directory/meetings/a.yaml:7) would share one page, regions/brazil/sao-paulo/ — write the region "
        "the same way in both",
        'directory/meetings/c.yaml:7:10: regions: "Brazil / SAO PAULO!" and "Brazil / São Paulo" '
        "(directory/meetings/a.yaml:7) would share one page, regions/brazil/sao-paulo/ — write the region "
        "the same way in both",
        'directory/meetings/e.yaml:7:10: regions: "Brazil / Sao Paulo" and "Brazil / São Paulo" '
        "(directory/meetings/a.yaml:7) would share one page, regions/brazil/sao-paulo/ — write the region "
        "the same way in both",
    ]


PAGE = "Title: {title}\nSlug: {slug}\n\nSome words.\n"


@pytest.mark.parametrize("slug, where", [
    ("search", "an address the directory's pages use"),
    ("meetings/sample-group", "inside /meetings/, which the directory's pages use"),
    ("theme/css", "inside /theme/, which the directory's pages use"),
    ("es/regions", "an address the directory's pages use"),
    ("es/feeds/extra", "inside /es/feeds/, which the directory's pages use"),
    ("print/texas", "inside /print/, which the directory's pages use"),
])
def test_a_page_cannot_take_an_address_the_build_makes(tmp_path, slug, where):
    site = make_site(tmp_path, {"meetings/a.yaml": GOOD})
    (site / "content" / "pages").mkdir(parents=True)
    (site / "content" / "pages" / "x.md").write_text(PAGE.format(title="X", slug=slug))
    result = run_pillar("build", "-o", tmp_path / "out", cwd=site)
    assert result.code == 1 and "Traceback" not in result.err and not (tmp_path / "out").exists()
    assert (f"content/pages/x.md:2:1: this page would be published at /{slug}/, {where} — give it another "
            "slug (Slug: …)") in result.err.splitlines()


def test_two_pages_at_one_address_are_errors_naming_both(tmp_path):
    site = make_site(tmp_path, {"meetings/a.yaml": GOOD})
    (site / "content" / "pages").mkdir(parents=True)
    for name in ("a", "b"):
        (site / "content" / "pages" / f"{name}.md").write_text(PAGE.format(title=name, slug="help"))
    result = run_pillar("build", "-o", tmp_path / "out", cwd=site)
    assert result.code == 1
    assert ("content/pages/b.md:2:1: this page would be published at /help/, where content/pages/a.md is "
            "published too — give one of them another slug (Slug: …)") in result.err.splitlines()


@pytest.fixture()
def secret(tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("not for publishing\n")
    (outside / "folder").mkdir()
    (outside / "folder" / "inner.txt").write_text("not for publishing either\n")
    return outside


def site_with_its_own_theme(tmp_path: Path) -> Path:
    """A site with a copy of the theme, and a link inside the theme to a folder of it (which is fine)."""
    site = make_site(tmp_path / "site", {"meetings/a.yaml": GOOD},
                     settings=f"THEME = {str(tmp_path / 'site' / 'theme')!r}\nSTATIC_PATHS = ['images', 'leak.txt']\n")
    shutil.copytree(REPO / "theme", site / "theme", ignore=shutil.ignore_patterns("translations"))
    shutil.copytree(REPO / "theme" / "translations", site / "theme" / "translations")
    (site / "content" / "pages").mkdir(exist_ok=True)
    (site / "theme" / "static" / "inside.txt").symlink_to(site / "theme" / "static" / "css")  # inside: fine
    return site


def refused(site: Path, out: Path, link: str, target: Path) -> None:
    result = run_pillar("build", "-o", out, cwd=site)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert f"{link}:1:1: this is a link to {target}, outside the site's folder — nothing outside it is " \
           "published: copy the file in, or remove the link" in result.err.splitlines()
    assert not out.exists()


@pytest.mark.parametrize("link, target", [
    ("content/leak.txt", "secret.txt"),
    ("content/pages/leak.md", "secret.txt"),
    ("content/images", "folder"),
    ("theme/static/leak.txt", "secret.txt"),
    ("theme/templates/leak.html", "secret.txt"),
    ("theme/static/linked", "folder"),
])
def test_a_link_out_of_the_site_is_never_published(tmp_path, secret, link, target):
    site = site_with_its_own_theme(tmp_path)
    (site / link).symlink_to(secret / target)
    refused(site, tmp_path / "out", link, secret / target)


def test_once_the_link_out_is_removed_the_site_builds(tmp_path, secret):
    """The site the tests above refuse builds without its link out (the link inside the theme is fine),
    even just after a refused build: the same site for each of them, so built once here."""
    site = site_with_its_own_theme(tmp_path)
    (site / "theme/static/leak.txt").symlink_to(secret / "secret.txt")
    refused(site, tmp_path / "out", "theme/static/leak.txt", secret / "secret.txt")
    (site / "theme/static/leak.txt").unlink()
    assert run_pillar("build", "-o", tmp_path / "out", cwd=site).code == 0


def test_a_listing_linked_from_outside_is_never_read(tmp_path, secret):
    site = make_site(tmp_path / "site", {"meetings/a.yaml": GOOD})
    (site / "directory" / "meetings" / "leak.yaml").symlink_to(secret / "secret.txt")
    result = run_pillar("validate", cwd=site)
    assert result.out.splitlines() == [
        "directory/meetings/leak.yaml:1:1: the file is a link to a file outside the directory, which is never "
        "read — put the listing itself here"]
