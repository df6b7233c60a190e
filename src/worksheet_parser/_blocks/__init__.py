"""Stage 4b: the blocks of a release packet other than worksheets, and the packets.

- ``_blockread``: what the block readers share (``BlockReader``, ``UnreadText``, dates);
- ``_blocklines``: what a line of a letter or stamp is, read through OCR debris;
- ``_headers``, ``_stamps``, ``_letters``: one reader per kind of block;
- ``_packets``: a document's blocks grouped into release packets.
"""
