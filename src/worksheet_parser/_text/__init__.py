"""Stages 1-2: the input as text, and that text cut into blocks.

- ``_decode``: bytes into text (encoding option, byte-order mark, UTF-16 zero bytes);
- ``_normalize``: line ends, Unicode NFC, controls, tabs, with an offset map back to the raw text;
- ``_translate``: character translations that are quick on ASCII text;
- ``_segment``: the normalised text cut into blocks (worksheet, header, stamps, letter, other).
"""
