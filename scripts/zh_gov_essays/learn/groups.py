"""Which site a page belongs to, for learning site templates.

One function, :func:`site_group`, so that a better key (a reader's own site
field) is one more line here.  In order:

1. the host of the page's ``url`` (dumps carry one per record): exact, and
   free;
2. else the first folder under the input root: a crawl saved site by site
   (``crawl/www.example.gov.cn/…``, ``seeds/某某网/…``) is grouped by site,
   whatever depth its pages sit at;
3. else (a file directly in the input root, or a record of a container
   there without a URL) the input root itself, one mixed group.

The printed site name was considered and left out: finding it needs the
whole cleaning pass (the first pass would cost as much as the second), many
pages print none, and its evidence comes from the very header and footer
lines this pass is meant to learn.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from zh_gov_essays.records import RawDoc

ROOT_GROUP = "."
"""The group of inputs directly in the input root."""


def url_host(url: str | None) -> str | None:
    """The host of ``url``: lower case, without port, trailing dot or ``www.``.

    >>> url_host("https://WWW.Example.gov.cn:443/a/1.html"), url_host("not a url")
    ('example.gov.cn', None)
    """
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.rstrip(".").removeprefix("www.") or None


def site_group(raw: RawDoc) -> str:
    """The group whose pages are counted together.

    >>> site_group(RawDoc("dump.jsonl#3", b"", url="http://www.qx.gov.cn/art/1.html"))
    'host:qx.gov.cn'
    >>> site_group(RawDoc("qx.gov.cn/art/2023/5/1.html", b""))
    'folder:qx.gov.cn'
    >>> site_group(RawDoc("001_page.txt", b""))
    '.'
    """
    host = url_host(raw.url)
    if host:
        return f"host:{host}"
    path = raw.source_file.split("#", 1)[0]
    folder, sep, _name = path.partition("/")
    return f"folder:{folder}" if sep else ROOT_GROUP
