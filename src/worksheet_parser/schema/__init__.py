"""The JSON Schema of an exported record, shipped with the package.

:func:`load_schema` returns the schema of one record as the command line
writes it (``parse --format jsonl``: one per packet; ``--format json``: one
per input, without ``packet``), and as
:func:`worksheet_parser.batch.packet_records` returns it: the fields of a
:class:`~worksheet_parser.Document` plus ``source`` and ``packet``.

>>> from worksheet_parser.schema import load_schema
>>> schema = load_schema()
>>> schema["title"], "worksheets" in schema["required"]
('worksheet-parser record', True)

Strategy: the schema is derived from the attrs models' type annotations by
:func:`build_schema` (every key always present, no other keys, dates as ISO
strings, enums as their printed codes; a span read from a scan, a
:class:`~worksheet_parser.PageSpan`, adds its ``page`` and ``bbox``) and stored as
``record.schema.json`` beside this module; a test checks that the stored
file equals what the models give today, so a new field cannot be exported
without its schema.  After changing a model, regenerate it with
``python -m worksheet_parser.schema``.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import functools
import importlib.resources
import itertools
import json
import types
import typing
from pathlib import Path
from typing import Any

import attrs

from worksheet_parser import _models
from worksheet_parser._models import Document

__all__ = ["SCHEMA_FILE", "build_schema", "load_schema"]

SCHEMA_FILE = "record.schema.json"
"""Name of the schema file inside this package."""

SCHEMA_ID = "https://worksheet-parser.invalid/schema/record.schema.json"
"""The schema's ``$id`` (a name, not a place to fetch it from)."""


@functools.cache
def _load() -> str:
    return (importlib.resources.files(__name__) / SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """Return the shipped JSON Schema (draft 2020-12) of one exported record."""
    data: dict[str, Any] = json.loads(_load())
    return data


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = [_type_schema(a, defs) for a in options]
        if len(args) != len(options):
            inner.append({"type": "null"})
        return inner[0] if len(inner) == 1 else {"anyOf": inner}
    if origin is tuple and len(args) > 1 and args[1] is not Ellipsis:
        items = _type_schema(args[0], defs)
        return {"type": "array", "items": items, "minItems": len(args), "maxItems": len(args)}
    if origin is tuple or origin is collections.abc.Sequence:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if attrs.has(tp):
        _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new kind of field


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name in defs:
        schema: dict[str, Any] = defs[name]
        return schema
    schema = defs[name] = {}
    hints = typing.get_type_hints(cls, vars(_models))
    properties: dict[str, Any] = {}
    for field in attrs.fields(cls):
        prop = dict(_type_schema(hints[field.name], defs))
        doc = _field_doc(cls, field.name)
        if doc:
            prop = {"description": doc, **prop}
        properties[field.name] = prop
    schema.update(
        {
            "type": "object",
            "description": (cls.__doc__ or "").strip().split("\n")[0],
            "properties": properties,
            "required": [f.name for f in attrs.fields(cls)],
            "additionalProperties": False,
        }
    )
    return schema


@functools.cache
def _field_docs(cls: type) -> dict[str, str]:
    """Attribute docstrings (the string literal under each field) of an attrs class."""
    import ast
    import inspect
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def _field_doc(cls: type, name: str) -> str:
    return _field_docs(cls).get(name, "")


def build_schema() -> dict[str, Any]:
    """Return the record schema derived from the models as they are now."""
    defs: dict[str, Any] = {}
    document = _class_schema(Document, defs)
    del defs["Document"]
    # A span from a scan is a PageSpan: the same keys plus its page and box.
    page_span = _class_schema(_models.PageSpan, {})
    span = defs["Span"]
    extra = {k: v for k, v in page_span["properties"].items() if k not in span["properties"]}
    span["properties"] = {**span["properties"], **extra}
    span["description"] += " A span read from a scan also gives its page and box."
    properties = {
        "source": {
            "description": "The input the record was read from: a path, <stdin>, or null.",
            "type": ["string", "null"],
        },
        "packet": {
            "description": (
                "0-based index of the release packet in its input; null when the input "
                "has no packets. Absent in the one-record-per-input JSON format."
            ),
            "type": ["integer", "null"],
            "minimum": 0,
        },
        **document["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "worksheet-parser record",
        "description": (
            "One record of worksheet-parser output: what was read from one release packet "
            "(or one whole input), with where it came from."
        ),
        "type": "object",
        "properties": properties,
        "required": ["source", *document["required"]],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """Return :func:`build_schema` as the text stored in the package."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path | None = None) -> Path:
    """Write the schema derived from the models to ``path`` (default: the shipped file)."""
    target = Path(path) if path is not None else Path(__file__).with_name(SCHEMA_FILE)
    target.write_text(schema_text(), encoding="utf-8")
    _load.cache_clear()
    return target
