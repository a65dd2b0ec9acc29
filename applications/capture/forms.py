from django import forms

from applications.capture.posting import MAX_PAGE_BYTES

TOO_BIG = (
    "This page is {size:.1f} MB; Onward reads pages of up to 2 MB. Paste only the part "
    "with the job advert, or fill in the form yourself."
)


def too_big_message(size):
    return TOO_BIG.format(size=max(size / 1024 / 1024, 2.1))


class CaptureForm(forms.Form):
    """A job posting page, pasted or sent by the bookmarklet: nothing is saved."""

    page = forms.CharField(
        label="The job advert’s page",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="Paste the page’s source (in most browsers: right-click, “View page "
        "source”, select all, copy) or its text. Up to 2 MB.",
        error_messages={"required": "Paste the job advert’s page (its source or its text)."},
    )
    url = forms.CharField(
        label="Its address (optional)",
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={"max_length": "This address is too long to keep."},
    )

    def clean_page(self):
        page = self.cleaned_data["page"]
        size = len(page.encode("utf-8", "surrogatepass"))
        if size > MAX_PAGE_BYTES:
            raise forms.ValidationError(too_big_message(size))
        if not page.strip():
            raise forms.ValidationError(self.fields["page"].error_messages["required"])
        return page.replace("\x00", "")

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        # Kept as the job advert link only when it is a web address that fits.
        if not url.lower().startswith(("http://", "https://")) or len(url) > 500:
            return ""
        return url
