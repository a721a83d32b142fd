"""Conference passcodes kept from bots: what ``CONFERENCE_PASSCODES = "hidden"`` takes out of a meeting.

Links and notes published with their passcodes are collected by bots, and the meetings get
disrupted. Under the "hidden" policy (the site's, or a listing's own ``passcodes:``) the loader
passes a meeting's conference fields through :func:`withhold` once, so every page, feed and data
file made from the listing has them without their passcodes:

- ``conference_url``: the ``pwd`` (or ``passcode``, ``password``) query parameter, nothing else;
- ``conference_phone``: every access code after the first (Zoom's ``,,123456789#,,654321#`` keeps
  the meeting id, ``,,123456789#``), and a code written ``*123456#``, Zoom's passcode form;
- ``conference_url_notes`` and ``conference_phone_notes``: a passcode written after its word
  ("Passcode: 123456", "password is serenity", "contraseña 1234"), and the links and dial strings
  in them, as above. Meeting ids are never touched.

Free text elsewhere (``notes``, ``group_notes``, ``location_notes``) is not rewritten: there a
passcode is too easily confused with the sentence around it, so :func:`findings` warns instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from pillar.directory.checks import Finding

POLICIES = ("public", "hidden")
"""``public``: published as written (what the Meeting Guide app expects); ``hidden``: withheld."""
CONFERENCE_FIELDS = ("conference_url", "conference_url_notes", "conference_phone", "conference_phone_notes")
FREE_TEXT = ("notes", "group_notes", "location_notes")
"""Fields where a passcode is reported rather than taken out."""
QUERY_KEYS = frozenset({"pwd", "passcode", "password"})

_WORD = (r"pass[ -]?codes?|pass[ -]?words?|pwd|pw|pin|contrase(?:ñ|n)as?|claves?"
         r"|c(?:ó|o)digos? de acceso|mot de passe")
_CLAUSE = re.compile(
    r"(?P<lead>[ \t]*[,;/|][ \t]*|[ \t]+)?"
    r"(?P<marker>\b(?:(?:zoom|meeting|numeric|phone|dial-in|de la reuni(?:ó|o)n)[ \t]+)?(?:" + _WORD + r")\b)"
    r"(?P<sep>[ \t]*(?:\b(?:is|es|was)\b[ \t]*)?(?:[:=#-][ \t]*)?(?:\r?\n[ \t]*)?)"
    r"(?P<value>\d+(?:[ -]\d+)*(?=[.,;:!?)\]]*(?:\s|$))"
    r"|[\"'“‘]?[\w*@#$!&%^~+-][^\s]*?(?=[\"'”’]?[.,;:!?)\]]*(?:\s|$)))[\"'”’]?",
    re.IGNORECASE)
"""A passcode after its word: "Passcode: 123456", ", passcode 0630", "password is serenity"."""
_NOT_A_VALUE = frozenset("""
a an the is it we you your our their if when then will can may must should please to for of and or
ask asked email e-mail call text message contact see none no not n/a na required needed sent send
provided available given shared upon on in at by from with via request requested below above here
pregunta pide pedir escribe llama ninguna ninguno se en por con la el los las de del al solicita
según sera será""".split())
"""Words that start a sentence about the passcode ("Password: ask the group") rather than the passcode."""
_URL = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)
_CODES_IN_TEXT = re.compile(r"(?<=\d)((?:[,;]+\*?\d*#){2,}|(?:[,;]+\*\d*#)+)")
"""Two or more access codes (each ending in #) right after a number, or one written as a passcode."""
_CODE = re.compile(r"[,;]+\*?(?:\d+#?|#)")
_TIDY = ((re.compile(r"[ \t]{2,}"), " "), (re.compile(r"[ \t]+(?=[.,;:!?)\]])"), ""),
         (re.compile(r"\(\s*\)|\[\s*\]"), ""), (re.compile(r"([,;/|])(?:\s*[,;/|])+"), r"\1"))
_EDGES = re.compile(r"^[\s.,;:/|–—-]+|[\s,;:/|–—-]+$")


@dataclass(frozen=True)
class Withheld:
    """A meeting's conference fields under its policy, and whether anything was taken out."""

    fields: dict
    withheld: bool


def policy_of(data: dict, site_policy: str) -> str:
    """The listing's own ``passcodes:`` when it has one, else the site's ``CONFERENCE_PASSCODES``."""
    own = data.get("passcodes")
    return own if own in POLICIES else site_policy


def strip_url(url: str) -> str:
    """``url`` without its passcode query parameters (in the query, or in a fragment's own query, as
    some web apps write links); everything else exactly as written."""
    base, hashmark, fragment = url.partition("#")
    return _without_keys(base) + hashmark + (_without_keys(fragment) if hashmark else "")


def _without_keys(part: str) -> str:
    head, question, query = part.partition("?")
    if not question:
        return part
    pairs = query.split("&")
    kept = [pair for pair in pairs if unquote(pair.split("=", 1)[0]).strip().lower() not in QUERY_KEYS]
    if len(kept) == len(pairs):
        return part
    return head + ("?" + "&".join(kept) if kept else "")


def strip_phone(phone: str) -> str:
    """A dial string with its meeting id and without what follows it: ``+1 646 558 8656,,123456789#``."""
    codes = list(_CODE.finditer(phone))
    if len(codes) < 2 and not any("*" in code[0] for code in codes):
        return phone
    first = codes[0]
    if "*" in first[0]:
        return phone[:first.start()].rstrip()
    return phone[:first.end()]


def _strip_codes(found: re.Match) -> str:
    first = _CODE.match(found[0])
    return "" if "*" in first[0] else first[0]


def _clauses(text: str) -> list[tuple[int, int]]:
    """Where passcodes written after their word are, outside links. A word followed by no passcode
    ("Passcode is given in the waiting room") takes nothing with it: the search goes on after the word."""
    links = [match.span() for match in _URL.finditer(text)]
    spans, at = [], 0
    while found := _CLAUSE.search(text, at):
        start = found.start("marker")
        value, sep = found["value"], found["sep"]
        bare = value.strip("\"'“‘”’").lower()
        said = bool(re.search(r"[:=]|\b(?:is|es|was)\b", sep, re.IGNORECASE))
        inside_link = any(a <= start < b for a, b in links)
        if not inside_link and (any(ch.isdigit() for ch in value) or (said and bare not in _NOT_A_VALUE)):
            spans.append(found.span())
            at = found.end()
        else:
            at = found.end("marker")
    return spans


def strip_text(text: str) -> str:
    """Notes without passcodes: links and dial strings as above, and every passcode after its word,
    with the line it was on tidied. Lines without one are left exactly as written. Taking one out may
    bring another word and what follows it together ("Passcode PIN: x 0"), so this goes on until
    nothing is left to take (each round makes the text shorter)."""
    while (shorter := _strip_once(text)) != text:
        text = shorter
    return text


def _strip_once(text: str) -> str:
    text = _URL.sub(lambda found: strip_url(found[0]), text)
    text = _CODES_IN_TEXT.sub(_strip_codes, text)
    spans = _clauses(text)
    if not spans:
        return text
    lines, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        cuts = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a <= end and b > start]
        if cuts:
            kept, at = [], 0
            for a, b in cuts:
                kept.append(line[at:a])
                at = max(at, b)
            line = "".join(kept) + line[at:]
            for pattern, replacement in _TIDY:
                line = pattern.sub(replacement, line)
            line = _EDGES.sub("", line)
            if line:
                lines.append(line)
        else:
            lines.append(line)
        start = end + 1
    return "\n".join(lines)


def found_in(text: str) -> bool:
    """Whether ``text`` holds something :func:`strip_text` would take out."""
    return strip_text(text) != text


def withhold(fields: dict, policy: str) -> Withheld:
    """The conference fields (``{name: text}``) as published under ``policy``."""
    if policy != "hidden":
        return Withheld(fields, False)
    strip = {"conference_url": strip_url, "conference_phone": strip_phone}
    changed = {name: (strip.get(name, strip_text)(value) if name in CONFERENCE_FIELDS and value else value)
               for name, value in fields.items()}
    return Withheld(changed, changed != fields)


def findings(data: dict, folder: str, site_policy: str) -> list[Finding]:
    """For a meeting under "hidden", a warning for each free-text field that holds a passcode, at its key."""
    if folder != "meetings" or policy_of(data, site_policy) != "hidden":
        return []
    return [Finding((name,), f"{name}: this looks like a conference passcode, which CONFERENCE_PASSCODES "
                             f'"hidden" takes only out of conference_url, conference_phone and their notes — '
                             f"move it to conference_url_notes or conference_phone_notes, or delete it",
                    "warning", at_key=True)
            for name in FREE_TEXT if isinstance(data.get(name), str) and found_in(data[name])]
