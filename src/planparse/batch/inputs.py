"""What a batch converts: files, folders (recursively) and globs, filtered by patterns.

Files in folders are picked by the extensions of the formats planparse reads (in any case),
or by the leading bytes of a container format (:mod:`planparse.extract.registry` has both);
everything else in a folder (earlier JSON output, unknown files) is passed over, and so are
names starting with "." (counted in the notes).  Files named explicitly are always taken.

Output places mirror the inputs as ``cp -r`` would: one folder's contents go straight under
OUTDIR, several folders each under their own name; a glob keeps the path below its fixed
part.  A place never climbs out of OUTDIR, and two inputs never share one.  Symbolic links
are followed, a link back into a folder being walked (a loop) is reported and not entered,
and a file reached twice (by a link, or by two inputs) is taken once.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import takewhile
from pathlib import Path, PurePosixPath

from planparse.errors import PlanparseError
from planparse.extract import registry

_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Input:
    path: Path
    relative: str  # where its output goes under OUTDIR (posix, without the .json suffix)


@dataclass
class Collected:
    inputs: list[Input] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line each, for stderr
    hidden: int = 0  # names starting with "." passed over in folders


@dataclass
class _Walk:
    """One walk's state: what it found, and the folders it has entered (loops, repeats)."""

    found: Collected
    skip: Path | None
    entered: set[object] = field(default_factory=set)
    ancestors: set[object] = field(default_factory=set)  # the folders being walked, outermost first


def collect(specs: list[str], include: list[str], exclude: list[str],
            skip: Path | None = None) -> Collected:
    """Expand ``specs`` in order, each file once; ``skip`` is the output folder."""
    found = Collected()
    walk = _Walk(found, skip)
    seen: set[object] = set()
    hits = dict.fromkeys([*include, *exclude], False)
    several = len(specs) > 1
    for spec in specs:
        items = list(_expand(spec, walk, several))
        if not items and _GLOB_CHARS & set(spec):
            found.notes.append(f"{spec}: matched no file")
        for item in items:
            key = _identity(item.path)
            if key in seen or not _wanted(item.relative, include, exclude, hits):
                continue
            seen.add(key)
            found.inputs.append(item)
    found.notes += [f"--include/--exclude {p!r}: matched no file" for p, hit in hits.items() if not hit]
    if found.hidden:
        found.notes.append(f"{found.hidden} name(s) starting with '.' passed over")
    return found


def check_places(inputs: list[Input]) -> None:
    """Refuse, before anything is written, inputs whose outputs would land on one file."""
    first: dict[str, Path] = {}
    for item in inputs:
        other = first.setdefault(item.relative, item.path)
        if other != item.path:
            raise PlanparseError(f"{other} and {item.path} would both be written to"
                                 f" {item.relative}.json; convert them in separate runs or to"
                                 " separate folders")


def _expand(spec: str, walk: _Walk, several: bool) -> Iterator[Input]:
    path = Path(spec)
    if path.is_dir():
        yield from _walk(path, _root_name(path) if several else "", walk)
    elif path.exists() or os.path.islink(spec) or not _GLOB_CHARS & set(spec):
        yield Input(path, _place("", path.name))  # a missing file is reported by the conversion
    elif "**" in spec:  # glob's own ** follows link loops for ever
        yield from _recursive_glob(spec, walk)
    else:
        base = _glob_base(spec)
        for match in sorted(glob.glob(spec)):
            found = Path(match)
            inside = _below(found, base)
            if found.is_dir():
                yield from _walk(found, inside, walk)
            elif _is_document(found):
                yield Input(found, inside)


def _walk(folder: Path, prefix: str, walk: _Walk) -> Iterator[Input]:
    """Every document under ``folder``, depth first in name order; loops reported."""
    key = _identity(folder)
    if key in walk.entered:  # reached again by a link: its files are taken once
        return
    walk.entered.add(key)
    walk.ancestors.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        walk.found.notes.append(f"{folder}: cannot read the folder ({exc.strerror})")
        entries = []
    yield from _entries(entries, prefix, walk)
    walk.ancestors.discard(key)


def _entries(entries: list[os.DirEntry[str]], prefix: str, walk: _Walk) -> Iterator[Input]:
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            walk.found.hidden += 1
            continue
        if walk.skip is not None and _inside(path, walk.skip):
            continue
        kind = _kind(path, walk)
        relative = _place(prefix, entry.name)
        if kind == "dir":
            if _identity(path) in walk.ancestors:
                walk.found.notes.append(f"{path}: links back to a folder it is in (a loop);"
                                        " not followed")
                continue
            yield from _walk(path, relative, walk)
        elif kind == "file" and _is_document(path):
            yield Input(path, relative)


def _kind(path: Path, walk: _Walk) -> str | None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None  # a dangling link: nothing to convert
    except OSError as exc:  # a link to itself: ELOOP
        walk.found.notes.append(f"{path}: cannot follow ({exc.strerror}); passed over")
        return None
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else None


def _recursive_glob(spec: str, walk: _Walk) -> Iterator[Input]:
    base = _glob_base(spec)
    rest = PurePosixPath(Path(spec).as_posix()).relative_to(base.as_posix()).as_posix()
    pattern = _regex(rest, ignore_case=False)
    for item in _walk(base, "", walk):
        if pattern.fullmatch(item.relative) or any(
                pattern.fullmatch(str(parent)) for parent in PurePosixPath(item.relative).parents):
            yield item


def _root_name(folder: Path) -> str:
    return folder.resolve().name or "root"


def _place(prefix: str, relative: str) -> str:
    """``prefix/relative`` as a clean relative path that cannot leave OUTDIR."""
    parts = [p for p in PurePosixPath(prefix, relative.replace("\\", "/")).parts
             if p not in ("", ".", "/")]
    if ".." in parts or not parts:
        raise PlanparseError(f"{relative}: cannot place its output inside the output folder")
    return "/".join(parts)


def _below(found: Path, base: Path) -> str:
    """Where a glob match goes: its path below the glob's fixed part, or (a pattern that
    climbs out of it with ..) its name alone."""
    normal, top = Path(os.path.normpath(found)), Path(os.path.normpath(base))
    try:
        return _place("", normal.relative_to(top).as_posix() if top != Path(".") else normal.as_posix())
    except (ValueError, PlanparseError):
        return _place("", normal.name)


def _glob_base(spec: str) -> Path:
    fixed = list(takewhile(lambda part: not _GLOB_CHARS & set(part), Path(spec).parts))
    return Path(*fixed) if fixed else Path(".")


def _identity(path: Path) -> object:
    """The same file (or folder) whatever path reaches it: device and inode."""
    try:
        info = path.stat()
    except OSError:
        return os.path.abspath(path)
    return info.st_dev, info.st_ino


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
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


def _wanted(relative: str, include: list[str], exclude: list[str], hits: dict[str, bool]) -> bool:
    parts = relative.split("/")

    def hit(patterns: list[str]) -> bool:
        matched = [p for p in patterns if _matches(p, parts)]
        for p in matched:
            hits[p] = True
        return bool(matched)

    return (not include or hit(include)) and not hit(exclude)


def _matches(pattern: str, parts: list[str]) -> bool:
    """Like a .gitignore line, case-insensitively: a pattern matches a file or any folder
    above it, at any depth unless it starts with "/"; one ending with "/" only folders."""
    folders_only = pattern.endswith("/")
    anchored = pattern.startswith("/")
    rx = _regex(pattern.strip("/"), ignore_case=True)
    last = len(parts) - 1 if folders_only else len(parts)
    starts = range(1) if anchored else range(len(parts))
    return any(rx.fullmatch("/".join(parts[i:j])) for i in starts for j in range(i + 1, last + 1))


@lru_cache(maxsize=256)
def _regex(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    """A glob as a regular expression: * and ? within a name, ** across folders."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] in "*?":
            out.append("[^/]*" if pattern[i] == "*" else "[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) > 0:
            inner = pattern[i + 1:close]
            out.append("[" + ("^" + inner[1:] if inner[0] in "!^" else inner).replace("\\", "\\\\") + "]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out), re.IGNORECASE if ignore_case else 0)
