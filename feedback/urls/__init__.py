"""Feedback's URLs, one module per prefix: /rejections/, /feedback/, /lessons/, and the
routes it adds under /applications/ (see applications.py)."""
