"""``python -m worksheet_parser``: the ``worksheet-parser`` command."""

from worksheet_parser.cli import main

if __name__ == "__main__":  # pragma: no branch
    raise SystemExit(main())
