"""A pasted (or uploaded) rejection email, read into what the rejection form needs:
parse.py reads the email with the standard `email` package, html_text.py turns an HTML
body into text, senders.py tells an automated sender from a person, signature.py reads
the signature block, match.py proposes the user's applications it is about, and
prefill.py puts it all together as the form's initial values. Nothing here writes;
record.py is the one module that does, on confirm."""
