"""The entry point: dispatch a command, turn signals into clean exits and map errors
to exit codes.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from worksheet_parser._inputs import DEFAULT_GLOB
from worksheet_parser._outputs import _lint
from worksheet_parser._outputs._files import OutputError
from worksheet_parser.cli._arguments import _parser
from worksheet_parser.cli._common import (
    EXIT_FAILED,
    EXIT_HANGUP,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    EXIT_USAGE,
    _say,
)
from worksheet_parser.cli._corpus import _cmd_catalogue, _cmd_evaluate, _cmd_show
from worksheet_parser.cli._explain import _cmd_explain
from worksheet_parser.cli._parse import _cmd_check, _cmd_parse


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`SystemExit`, so temporary files are cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    codes = {signal.SIGTERM: EXIT_TERMINATED, signal.SIGHUP: EXIT_HANGUP}

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(codes.get(signal.Signals(signum), EXIT_TERMINATED))

    previous = {signum: signal.signal(signum, handler) for signum in codes}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _stdout_for(command: str) -> None:
    """Standard output always valid: UTF-8 for data, visible escapes for listings."""
    if not isinstance(sys.stdout, io.TextIOWrapper):
        return
    if command in ("parse", "check", "show"):
        # JSON, JSON Lines, annotations, SARIF and HTML are UTF-8 whatever the locale
        # says; a lone surrogate (from a file name that is not UTF-8) is
        # written as the escape ``\udcff``, which is still valid JSON.
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    else:
        sys.stdout.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    commands = {
        "parse": _cmd_parse,
        "check": _cmd_check,
        "explain": _cmd_explain,
        "evaluate": _cmd_evaluate,
        "catalogue": _cmd_catalogue,
        "show": _cmd_show,
    }
    try:
        config, _ = _lint.load_config()
        if getattr(args, "glob", "") is None:
            args.glob = config.get("glob", DEFAULT_GLOB)
        _stdout_for(args.command)
        with _sigterm_as_exit():
            code: int = commands[args.command](args, config)
    except _lint.ConfigError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except OutputError as exc:
        _say(f"cannot write: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("interrupted; no output file was written")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    return code
