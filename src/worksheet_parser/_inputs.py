"""Finding and reading the input files of a batch.

Strategy: paths given by the caller are taken as given (a FIFO or a device
named on purpose is read; a missing path is passed on, so that reading it
reports the failure).  Folders are walked in a stable order (sorted by name,
folder by folder, depth first), and what is found there is checked with
``lstat`` before anything is opened: a FIFO would block the batch forever, a
device may never end, a socket cannot be read, so every file that is not a
regular file is skipped with a reason given to ``on_skip``.  Symbolic links
inside a folder (to files or to folders) are skipped too, unless
``follow_symlinks``; then each folder is entered once, however many links
lead to it (no loops).  File names are whatever bytes the operating system
allows: they travel as ``str`` with the bytes that are not UTF-8
surrogate-escaped (:func:`os.fsdecode`), and :func:`record_name` makes them
fit for a UTF-8 record.  :func:`read_limited` checks a file's size before
reading it and never reads more than the limit and one byte.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator

from worksheet_parser._errors import InputTooLargeError

__all__ = ["DEFAULT_GLOB", "discover", "read_limited", "record_name"]

DEFAULT_GLOB = "*.txt,*.pdf,*.png,*.jpg,*.jpeg,*.tif,*.tiff"
"""File names read in folders by default: every kind of input, text and scans (the
name's ending in any case: ``SCAN.PDF`` too)."""

OnSkip = Callable[[str, str], None]
"""Told ``(path, reason)`` for each path skipped in a folder."""

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def discover(
    inputs: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    *,
    follow_symlinks: bool = False,
    on_skip: OnSkip | None = None,
) -> Iterator[str]:
    """Yield the files named by ``inputs``: paths as given, folders searched recursively.

    In a folder, regular files whose name matches the glob ``pattern`` (by
    default :data:`DEFAULT_GLOB`, every kind of input, compared without case) are
    yielded; FIFOs, devices and sockets are never opened but reported to
    ``on_skip`` with the reason, as are symbolic links unless
    ``follow_symlinks``.
    """
    patterns = [p.strip() for p in pattern.split(",") if p.strip()] or [pattern]
    fold = pattern == DEFAULT_GLOB

    def skip(path: str, reason: str) -> None:
        if on_skip is not None:
            on_skip(path, reason)

    for item in inputs:
        name = os.fspath(item)
        if not os.path.isdir(name):
            yield name
            continue
        seen: set[tuple[int, int]] = set()
        top = os.stat(name)
        seen.add((top.st_dev, top.st_ino))

        def unreadable(error: OSError) -> None:
            skip(str(error.filename), f"cannot be listed ({error.strerror or error})")

        for root, dirs, files in os.walk(name, followlinks=follow_symlinks, onerror=unreadable):
            kept: list[str] = []
            for folder in sorted(dirs):
                path = os.path.join(root, folder)
                if os.path.islink(path):
                    if not follow_symlinks:
                        skip(path, "a symbolic link to a folder; not followed (--follow-symlinks)")
                        continue
                    try:
                        st = os.stat(path)
                    except OSError as exc:
                        skip(path, f"a broken symbolic link ({exc.strerror or exc})")
                        continue
                    if (st.st_dev, st.st_ino) in seen:
                        skip(path, "a symbolic link to a folder already searched; not followed")
                        continue
                    seen.add((st.st_dev, st.st_ino))
                elif follow_symlinks:  # remembered, for links that lead back to it
                    with contextlib.suppress(OSError):
                        st = os.lstat(path)
                        seen.add((st.st_dev, st.st_ino))
                kept.append(folder)
            dirs[:] = kept
            for file in sorted(files):
                folded = file.lower() if fold else file
                if not any(fnmatch.fnmatch(folded, p) for p in patterns):
                    continue
                path = os.path.join(root, file)
                found = _check_file(path, follow_symlinks)
                if found is None:
                    yield path
                else:
                    skip(path, found)


def _check_file(path: str, follow_symlinks: bool) -> str | None:
    """Why ``path`` (found in a folder) is not read, or ``None`` to read it."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode):
        if not follow_symlinks:
            return "a symbolic link; not followed (--follow-symlinks)"
        try:
            st = os.stat(path)
        except OSError as exc:
            return f"a broken symbolic link ({exc.strerror or exc})"
    if not stat.S_ISREG(st.st_mode):
        return f"{_kind(st.st_mode)}, not a regular file; skipped without opening it"
    return None


def read_limited(path: str, max_size: int | None) -> bytes:
    """Read the file at ``path``, refusing one larger than ``max_size`` bytes.

    The size of a regular file is checked before it is read; a file whose
    size is not known beforehand (a pipe, a device, a file that grows) is
    read up to ``max_size`` bytes and one more at most.  Raises
    :class:`OSError` or :class:`InputTooLargeError`.
    """
    with open(path, "rb") as fh:
        if max_size is None:
            return fh.read()
        st = os.fstat(fh.fileno())
        if stat.S_ISREG(st.st_mode) and st.st_size > max_size:
            raise InputTooLargeError(st.st_size, max_size)
        raw = fh.read(max_size + 1)
        if len(raw) > max_size:
            raise InputTooLargeError(len(raw), max_size)
        return raw


def record_name(name: str) -> str:
    """``name`` as it can stand in a UTF-8 record.

    The bytes of a file name that were not UTF-8 (surrogate-escaped by
    :func:`os.fsdecode`) are written as ``\\udcXX`` escapes, so the name stays
    unique and says which bytes they were:

    >>> record_name("caf\\udce9.txt")
    'caf\\\\udce9.txt'
    >>> record_name("café.txt")
    'café.txt'
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name
