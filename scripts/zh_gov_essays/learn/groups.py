"""Which site a page belongs to, for learning site templates.

One function, :func:`site_group`, so that a better key is one more line
here.  In order:

1. the host of the record's ``url`` (:attr:`~zh_gov_essays.records.RawDoc.site_key`;
   dumps carry one per record): exact, and free;
2. else the first folder of the page's ``source_file``: a crawl saved site by
   site (``crawl/www.example.gov.cn/…``, ``seeds/某某网/…``) is grouped by
   site, whatever depth its pages sit at (with several inputs that folder is
   the input's name, so ``--input 'crawl/*'`` groups by site folder);
3. else (a file directly in the input, or a record of a container there
   without a URL) one mixed group for all of them.  A mixed group is safe:
   a line must be on half of its essays to count as a template.

The printed site name was considered and left out: finding it needs the
whole cleaning pass (the first pass would cost as much as the second), many
pages print none, and its evidence comes from the very header and footer
lines this pass is meant to learn.
"""

from __future__ import annotations

from zh_gov_essays.records import RawDoc

ROOT_GROUP = "."
"""The group of inputs directly in the input, without a URL."""


def site_group(raw: RawDoc) -> str:
    """The group whose pages are counted together.

    >>> site_group(RawDoc("dump.jsonl#3", b"", url="http://www.qx.gov.cn/art/1.html"))
    'host:qx.gov.cn'
    >>> site_group(RawDoc("qx.gov.cn/art/2023/5/1.html", b""))
    'folder:qx.gov.cn'
    >>> site_group(RawDoc("001_page.txt", b"")), site_group(RawDoc("dump.jsonl#3", b""))
    ('.', '.')
    """
    host = raw.site_key
    if host:
        return f"host:{host}"
    folder, sep, _rest = raw.source_file.partition("/")
    return f"folder:{folder}" if sep else ROOT_GROUP
