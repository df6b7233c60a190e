"""Outputs: what a parsed document becomes.

- ``_export``: records to JSON-ready data and back (``to_dict``, ``from_dict``);
- ``_tables``: one JSON record per packet and the two flat tables of a collection;
- ``_render``: records rendered back into the text of a clean scan of the page;
- ``_lint``: what ``worksheet-parser check`` reports, in each output format;
- ``_files``: output files written without harming anything else on the disk.
"""
