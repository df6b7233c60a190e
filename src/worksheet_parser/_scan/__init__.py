"""Stage 0, scans: pages of a PDF or image file as words with boxes, then as text.

- ``_pages``: a scan cut into pages, each page's words from its text layer or OCR;
- ``_pdf``: PDF pages through pypdfium2 (text layer, page images);
- ``_ocr``: words with boxes and confidences from a page image, through tesseract;
- ``_layout``: the words laid out as text in printed order, with a map back to the page;
- ``_debris``: words standing where the form prints something else, set apart;
- ``_read``: the laid-out text read through :func:`worksheet_parser.parse`, spans placed on pages.
"""
