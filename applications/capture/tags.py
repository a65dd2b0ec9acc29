"""Tags as one line of text: simple to filter on, to export and to import."""

MAX_TAGS = 20
MAX_TAG_LENGTH = 40


def normalise_tags(text):
    """ "Remote,  python ,remote" → "remote, python": each tag trimmed, inner spaces
    folded, lower case, cut to MAX_TAG_LENGTH, empty ones and repeats dropped, at most
    MAX_TAGS of them."""
    kept = []
    for part in (text or "").split(","):
        tag = " ".join(part.split()).casefold()[:MAX_TAG_LENGTH].strip()
        if tag and tag not in kept:
            kept.append(tag)
    return ", ".join(kept[:MAX_TAGS])
