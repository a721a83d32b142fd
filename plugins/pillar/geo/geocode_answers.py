"""What ``pillar geocode`` found, said where a volunteer's pull request shows it.

``pillar geocode --format github`` prints one annotation per listing whose address was just looked
up — on the address line of its file, in the pull request's "Files changed" tab — saying the place
the geocoder found and whether it is only approximate (a town or a postcode, not the building).
``--summary FILE`` appends the same answers to FILE as Markdown (the workflow passes
``$GITHUB_STEP_SUMMARY``, the run's summary page): a table, then for each listing the two lines
that would put it on the map without the geocode cache — the suggestion a pull request from a fork,
which the workflow cannot push to, can apply itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from pillar.directory.safetext import clip, for_terminal, github_command
from pillar.geo.geocache import Entry
from pillar.geo.locate import Wanted


@dataclass(frozen=True)
class Answer:
    """A usable answer the run just stored, for every listing at that address."""

    item: Wanted
    entry: Entry


def new_answers(items: list[Wanted], asked: set[str], cache: dict) -> list[Answer]:
    """The answers to the addresses ``asked`` (keys the cache lacked before the run) that are usable."""
    return [Answer(item, cache[item.key]) for item in items
            if item.key in asked and item.key in cache and cache[item.key].usable]


def _place(answer: Answer) -> str:
    entry = answer.entry
    where = clip(entry.display_name or f"{entry.latitude}, {entry.longitude}", 160)
    return f"{where} — approximate: a town or area, not the building" if entry.approximate else where


def annotations(answers: list[Answer]) -> list[str]:
    """One ``::notice`` per listing (``::warning`` when the answer is approximate), on its address."""
    lines = []
    for answer in answers:
        for listing in answer.item.listings:
            line, col = listing.at("address")
            level = "warning" if answer.entry.approximate else "notice"
            lines.append(github_command(
                level, f'"{clip(answer.item.query, 120)}" was found at: {_place(answer)} '
                       f"({answer.entry.latitude}, {answer.entry.longitude}). If that is not the place, "
                       "correct the address or add latitude and longitude.",
                file=listing.source, line=line, col=col, title="Address found on the map"))
    return lines


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes and markup characters escaped."""
    text = for_terminal(text)
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def markdown(answers: list[Answer], failed: list[str]) -> str:
    """The run's answers as Markdown, with the lines to add to each listing; ``failed`` are the
    messages for addresses that could not be placed."""
    if not answers and not failed:
        return "### Addresses\n\nNo new addresses to look up.\n"
    out = ["### Addresses looked up on the map", ""]
    if answers:
        out += ["| Listing | Address | Found | Approximate |", "|---|---|---|---|"]
        for answer in answers:
            for listing in answer.item.listings:
                out.append(f"| {_cell(listing.source)} | {_cell(clip(answer.item.query, 120))} | "
                           f"{_cell(clip(answer.entry.display_name, 160))} | "
                           f"{'yes — a town or area, not the building' if answer.entry.approximate else 'no'} |")
        out += ["", "The answers are saved in the geocode cache. A pull request from a fork cannot receive that "
                    "commit: to keep an answer anyway, add its two lines to the listing's file.", ""]
        for answer in answers:
            for listing in answer.item.listings:
                out += [f"`{for_terminal(listing.source).replace('`', '')}`:", "", "```yaml",
                        f"latitude: {answer.entry.latitude}", f"longitude: {answer.entry.longitude}", "```", ""]
    if failed:
        out += ["Not placed (correct the address, or add latitude and longitude):", ""]
        out += [f"- {_cell(message)}" for message in failed]
        out.append("")
    return "\n".join(out)
