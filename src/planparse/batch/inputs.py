"""What a batch converts: files, folders (recursively) and globs, filtered by patterns.

Files in folders are picked by the extensions of the formats planparse reads, or by the
leading bytes of a container format (:mod:`planparse.extract.registry` has both); everything
else in a folder (earlier JSON output, unknown files) is passed over.  Files named explicitly
are always taken.
"""

from __future__ import annotations

import fnmatch
import glob
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path

from planparse.extract import registry

_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Input:
    path: Path
    relative: str  # where its output goes under OUTDIR (posix, without the .json suffix)


def collect(specs: list[str], include: list[str], exclude: list[str],
            skip: Path | None = None) -> list[Input]:
    """Expand ``specs`` in order, without duplicates; ``skip`` is the output folder."""
    seen: set[Path] = set()
    found: list[Input] = []
    for spec in specs:
        for item in _expand(spec, skip):
            key = item.path.resolve()
            if key in seen or not _wanted(item.relative, include, exclude):
                continue
            seen.add(key)
            found.append(item)
    return found


def _expand(spec: str, skip: Path | None) -> Iterator[Input]:
    path = Path(spec)
    if path.is_dir():
        yield from _walk(path, path, skip)
    elif path.exists() or not _GLOB_CHARS & set(spec):
        yield Input(path, path.name)  # a missing file is reported by the conversion
    else:
        base = _glob_base(spec)
        for match in sorted(glob.glob(spec, recursive=True)):
            found = Path(match)
            if found.is_dir():
                yield from _walk(found, base, skip)
            elif _is_document(found):
                yield Input(found, found.relative_to(base).as_posix())


def _walk(folder: Path, base: Path, skip: Path | None) -> Iterator[Input]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(base)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if skip is not None and _inside(path, skip):
            continue
        if path.is_file() and _is_document(path):
            yield Input(path, relative.as_posix())


def _glob_base(spec: str) -> Path:
    fixed = list(takewhile(lambda part: not _GLOB_CHARS & set(part), Path(spec).parts))
    return Path(*fixed) if fixed else Path(".")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _is_document(path: Path) -> bool:
    if path.suffix.lower() in registry.extensions():
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.startswith(registry.magics())


def _wanted(relative: str, include: list[str], exclude: list[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]

    def hit(patterns: list[str]) -> bool:
        return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)

    return (not include or hit(include)) and not hit(exclude)
