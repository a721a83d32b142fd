"""What a build works out from the theme alone, kept for the next builds: the compiled templates
(:mod:`compiled`), the messages the theme's scripts translate, and which scripts load others only
when asked (:mod:`bundle`).

Everything is kept in Jinja's folder for compiled templates, in the system's temporary folder: only
this user may read or write it (Jinja makes and checks it), so every site built from the same theme
shares it, and the system clears it like any temporary file. Each file is named after a digest of
everything its contents depend on, and opens with a digest of its contents: a file that is missing,
damaged or unreadable is worked out again, and one that cannot be written is left out. The site is
the same either way.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

SEAL = 32
"""Bytes of the digest that opens each kept file."""


def folder() -> str | None:
    """Jinja's folder for compiled templates, or None where it cannot be used safely (Jinja refuses a
    folder another user owns or could write to)."""
    try:
        return FileSystemBytecodeCache().directory
    except (OSError, RuntimeError):
        return None


def sealed(data: bytes) -> bytes:
    """``data`` as it is kept: after a digest of itself."""
    return hashlib.blake2b(data, digest_size=SEAL).digest() + data


def unsealed(kept: bytes) -> bytes | None:
    """What :func:`sealed` kept, or None if the file is not whole."""
    check, data = kept[:SEAL], kept[SEAL:]
    return data if len(check) == SEAL and hashlib.blake2b(data, digest_size=SEAL).digest() == check else None


def write(path: str, data: bytes) -> None:
    """Keep ``data`` at ``path``, sealed, whole or not at all (a temporary file in the same folder, then
    renamed); a full or read-only folder only means working it out again next time."""
    try:
        with tempfile.NamedTemporaryFile("wb", dir=os.path.dirname(path), prefix=os.path.basename(path),
                                         suffix=".tmp", delete=False) as temporary:
            try:
                temporary.write(sealed(data))
            except OSError:
                os.unlink(temporary.name)
                raise
        os.replace(temporary.name, path)
    except OSError:
        pass


def read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as kept:
            return unsealed(kept.read())
    except OSError:  # none kept yet, or not readable
        return None


def remembered(kind: str, depends_on: Iterable[bytes], make: Callable[[], bytes]) -> bytes:
    """``make()``, kept under a digest of ``depends_on`` (every input it reads, and the code that
    makes it): the kept bytes when a build worked them out before."""
    key = hashlib.blake2b(digest_size=20)
    for part in depends_on:
        key.update(hashlib.blake2b(part).digest())
    where = folder()
    if where is None:
        return make()
    path = os.path.join(where, f"__pillar_{kind}_{key.hexdigest()}")
    data = read(path)
    if data is None:
        data = make()
        write(path, data)
    return data


def scripts(folder_of_scripts: Path) -> list[bytes]:
    """Each script under a folder, its name and its bytes, in a stable order: what anything worked
    out from the theme's scripts depends on."""
    found = []
    for path in sorted(folder_of_scripts.rglob("*.js")):
        found += [path.relative_to(folder_of_scripts).as_posix().encode(), path.read_bytes()]
    return found


def code_of(*modules) -> list[bytes]:
    """The source of Python modules, for a kept result that they work out."""
    return [Path(module.__file__).read_bytes() for module in modules]
