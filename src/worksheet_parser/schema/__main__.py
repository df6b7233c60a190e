"""``python -m worksheet_parser.schema [PATH]``: regenerate the record schema from the models."""

from __future__ import annotations

import sys

from worksheet_parser.schema import write_schema

if __name__ == "__main__":
    print(write_schema(sys.argv[1] if len(sys.argv) > 1 else None))
