from django import forms

from search.words import QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        max_length=QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": "Search for at most %(limit_value)d characters at a time "
            "(this was %(show_value)d). A few words find more than a sentence.",
            "null_characters_not_allowed": "The search had a character in it that can’t be "
            "typed (a null byte). Type the words again.",
        },
    )
