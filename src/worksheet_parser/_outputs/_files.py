"""Writing output files without harming anything else on the disk.

Strategy: a target is checked before any input is parsed, and again just
before it is replaced.  Only a regular file or a path that does not exist
yet may be written: a symbolic link, a folder, a FIFO, a device or a socket
is refused, and so is any file that is also an input (compared by device
and inode, so a hard link or another spelling of the same path is caught).
Whether the folder can take a file is found out by creating the temporary
file there at once, not by asking for permissions (which the superuser
would always be granted): the same call that will write the output is the
one that is tried.

Each target is written under a hidden temporary name beside it
(``.NAME.xxxxxxxx.part``, so the rename stays on one file system) and moved
into place with :func:`os.replace` only when everything was written.  A
replaced file keeps its permission bits (a ``0600`` file stays ``0600``); a
new one gets the usual ``0666`` less the umask.  :meth:`AtomicFiles.abort`
removes the temporary files; the command line calls it on every way out,
including Ctrl-C and SIGTERM (turned into exceptions by ``cli``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import IO, Final

__all__ = [
    "STDOUT",
    "AtomicFiles",
    "FileId",
    "OutputDir",
    "OutputError",
    "check_target",
    "file_ids",
    "safe_parts",
    "same_file",
    "signals_held",
    "write_atomic",
]

STDOUT = "-"
"""The ``--output`` value that means standard output."""


class OutputError(Exception):
    """A target that must not, or cannot, be written; the message says why."""


FileId = tuple[int, int]
"""A file's ``(device, inode)``."""


def file_ids(paths: Iterable[str | os.PathLike[str]]) -> set[FileId]:
    """Return the ``(device, inode)`` of each path that exists (symbolic links followed)."""
    ids: set[FileId] = set()
    for path in paths:
        with contextlib.suppress(OSError, ValueError):
            st = os.stat(path)
            ids.add((st.st_dev, st.st_ino))
    return ids


def same_file(st: os.stat_result, ids: AbstractSet[FileId]) -> bool:
    """Whether ``st`` is one of the files in ``ids``."""
    return (st.st_dev, st.st_ino) in ids


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(path: Path, inputs: AbstractSet[FileId] = frozenset()) -> os.stat_result | None:
    """Refuse ``path`` unless it is a regular file that is not an input, or a new path.

    Returns the ``lstat`` of the existing file (``None`` for a new path);
    raises :class:`OutputError` with the reason otherwise.

    >>> check_target(Path("/"))
    Traceback (most recent call last):
    ...
    worksheet_parser._outputs._files.OutputError: /: is a folder; the output must be a file
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        parent = path.parent
        try:
            pst = os.stat(parent)
        except OSError as exc:
            raise OutputError(f"{path}: its folder {parent}: {exc.strerror or exc}") from None
        if not stat.S_ISDIR(pst.st_mode):
            raise OutputError(f"{path}: {parent} is not a folder") from None
        return None
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{path}: is {_kind(st.st_mode)}; the output must be a file")
    if same_file(st, inputs):
        raise OutputError(f"{path}: is one of the inputs; refusing to overwrite it")
    return st


_HELD: Final = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back while a temporary file is made and noted,
    or while the files are moved into place, so neither is left half done: a
    signal that came meanwhile is handled right after."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, OSError, ValueError):  # pragma: no cover - not POSIX
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFiles:
    """Files written under temporary names beside their targets, renamed on :meth:`commit`.

    Every target is checked with :func:`check_target` and its temporary
    file created in the constructor, so a target that cannot be written is
    refused (:class:`OutputError`) before any work is done.
    """

    def __init__(
        self,
        targets: Mapping[str, Path],
        *,
        inputs: AbstractSet[FileId] = frozenset(),
        text: bool = True,
    ) -> None:
        self.targets = dict(targets)
        self.inputs = inputs
        self.temps: dict[str, Path] = {}
        self.files: dict[str, IO[str]] = {}
        self.binary: dict[str, IO[bytes]] = {}
        try:
            for key, target in self.targets.items():
                check_target(target, inputs)
                with signals_held():
                    try:
                        fd, temp = tempfile.mkstemp(
                            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
                        )
                    except OSError as exc:
                        raise OutputError(
                            f"{target}: cannot create a file in {target.parent}: "
                            f"{exc.strerror or exc}"
                        ) from None
                    self.temps[key] = Path(temp)
                if text:
                    self.files[key] = os.fdopen(
                        fd, "w", encoding="utf-8", errors="backslashreplace", newline=""
                    )
                else:
                    self.binary[key] = os.fdopen(fd, "wb")
        except BaseException:
            self.abort()
            raise

    def _open(self) -> list[IO[str] | IO[bytes]]:
        return [*self.files.values(), *self.binary.values()]

    def commit(self) -> None:
        """Close the files and move each into place, keeping a replaced file's permissions."""
        for fh in self._open():
            fh.close()
        mode = 0o666 & ~_umask()
        olds = {key: check_target(self.targets[key], self.inputs) for key in self.temps}
        for key, temp in self.temps.items():
            old = olds[key]
            os.chmod(temp, mode if old is None else stat.S_IMODE(old.st_mode))
            if old is not None:
                with contextlib.suppress(OSError):
                    os.chown(temp, old.st_uid, old.st_gid)
        with signals_held():
            for key, temp in list(self.temps.items()):
                os.replace(temp, self.targets[key])
                del self.temps[key]

    def abort(self) -> None:
        """Close and delete the temporary files; the targets are left as they were."""
        for fh in self._open():
            with contextlib.suppress(OSError):
                fh.close()
        for temp in self.temps.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        self.temps.clear()


def write_atomic(target: Path, data: bytes, *, inputs: AbstractSet[FileId] = frozenset()) -> None:
    """Write ``data`` to ``target`` through a temporary file, as :class:`AtomicFiles` does."""
    files = AtomicFiles({"out": target}, inputs=inputs, text=False)
    try:
        files.binary["out"].write(data)
        files.commit()
    except BaseException:
        files.abort()
        raise


_NAME_MAX: Final = 255
"""Bytes in a file name on common file systems."""


def safe_parts(relative: str) -> list[str]:
    """Split a relative input path into names that stay inside a folder.

    Empty parts, ``.`` and the root are dropped, ``..`` becomes ``__``,
    control characters become ``_``: whatever ``relative`` holds, the
    result names a path below the folder it is joined to.

    >>> safe_parts("../box1/./a\\x1b.txt"), safe_parts("/etc/passwd")
    (['__', 'box1', 'a_.txt'], ['etc', 'passwd'])
    """
    parts: list[str] = []
    for part in relative.replace(os.sep, "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            part = "__"
        parts.append("".join("_" if ord(c) < 32 or ord(c) == 127 else c for c in part))
    return parts or ["_"]


def _fit(name: str, suffix: str) -> str:
    """``name + suffix``, shortened with a hash when too long for a file name."""
    full = name + suffix
    if len(os.fsencode(full)) <= _NAME_MAX - 30:
        return full
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    keep = os.fsencode(name)[: _NAME_MAX - 30 - len(os.fsencode(suffix)) - 17]
    return os.fsdecode(keep) + "-" + digest + suffix


class OutputDir:
    """One result file per input under a folder, mirroring the inputs' folders.

    The folder is created if need be and tried (a temporary file made and
    removed in it) before any input is parsed.  Result paths come from the
    inputs' paths only (never from what a document says), made safe with
    :func:`safe_parts`; a result is written with :func:`write_atomic` only
    when the folder it goes to is still inside the output folder (a
    symbolic link inside it cannot lead elsewhere).
    """

    def __init__(self, root: Path, *, inputs: AbstractSet[FileId] = frozenset()) -> None:
        self.root = root
        self.inputs = inputs
        try:
            st = os.stat(root)
        except FileNotFoundError:
            try:
                root.mkdir(parents=True)
            except OSError as exc:
                raise OutputError(f"{root}: cannot create the folder: {exc.strerror}") from None
        except OSError as exc:
            raise OutputError(f"{root}: {exc.strerror or exc}") from None
        else:
            if not stat.S_ISDIR(st.st_mode):
                raise OutputError(f"{root}: is {_kind(st.st_mode)}, not a folder")
        try:
            fd, temp = tempfile.mkstemp(dir=root, prefix=".worksheet-parser.", suffix=".part")
        except OSError as exc:
            raise OutputError(f"{root}: cannot create a file there: {exc.strerror}") from None
        os.close(fd)
        os.unlink(temp)
        self.real = root.resolve()

    def plan(
        self, relatives: Iterable[str], *, suffix: str, skip_existing: bool = False
    ) -> tuple[dict[int, Path], dict[int, str]]:
        """Return the result path of each input to do, and the reason each refused one is.

        Inputs left out of both are those skipped because their result exists.
        """
        targets: dict[int, Path] = {}
        refused: dict[int, str] = {}
        seen: dict[Path, int] = {}
        for i, relative in enumerate(relatives):
            parts = safe_parts(relative)
            target = self.root.joinpath(*parts[:-1], _fit(parts[-1], suffix))
            if target in seen:
                refused[i] = f"its result {target} would replace that of an earlier input"
                continue
            seen[target] = i
            if skip_existing:
                with contextlib.suppress(OSError):
                    if stat.S_ISREG(os.lstat(target).st_mode):
                        continue
            targets[i] = target
        return targets, refused

    def write(self, target: Path, text: str) -> None:
        """Write one result (:class:`OutputError` or :class:`OSError` when it cannot)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        parent = target.parent.resolve()
        if parent != self.real and self.real not in parent.parents:
            raise OutputError(f"{target}: its folder leads out of {self.root} (a symbolic link)")
        write_atomic(target, text.encode("utf-8", "backslashreplace"), inputs=self.inputs)
