"""``python -m worksheet_parser.cli``: the ``worksheet-parser`` command."""

from worksheet_parser.cli import main

if __name__ == "__main__":  # pragma: no branch
    raise SystemExit(main())
