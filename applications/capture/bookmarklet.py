"""The bookmarklet: a javascript: link the person keeps in their bookmarks bar. Run on a
job advert, it posts the page (its HTML as the browser has it, and its address) from
their own browser to Onward's capture relay, in a new tab. Onward fetches nothing."""

import json

# Runs in the job page, never in Onward's: a form built there, posted to Onward as
# multipart (a page's HTML is not inflated by URL-encoding), into a new tab.
CODE = (
    "(function(){{"
    "var f=document.createElement('form');"
    "f.method='post';f.action={action};f.target='_blank';"
    "f.enctype='multipart/form-data';f.acceptCharset='utf-8';f.hidden=true;"
    "function add(n,v){{var t=document.createElement('textarea');t.name=n;t.value=v;"
    "f.appendChild(t);}}"
    "add('page',document.documentElement.outerHTML);add('url',location.href);"
    "(document.body||document.documentElement).appendChild(f);f.submit();f.remove();"
    "}})();"
)


def bookmarklet_code(action):
    """The script, posting to `action` (the relay's absolute address)."""
    # json.dumps quotes the address as a JavaScript string; "<" and "&" can't close
    # anything in an attribute Django escapes anyway.
    return CODE.format(action=json.dumps(action))


def bookmarklet_href(action):
    return "javascript:" + bookmarklet_code(action)
