"""Capturing a job posting: reading the schema.org JobPosting a page publishes
(posting.py, structured.py), sanitising its description (sanitise.py), tags as text
(tags.py), the capture form (forms.py) and the bookmarklet that sends a page here
(bookmarklet.py). Nothing here fetches a URL: the page comes from the person's browser."""
