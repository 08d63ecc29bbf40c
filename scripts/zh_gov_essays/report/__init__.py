"""``zh-gov-essays report``: one static HTML page to review what the cleaning did.

The page opens from disk, needs no server and loads nothing: the overview
(counts of the whole corpus, rejected inputs, rules ranked by what they
removed, the card's plots inline) is HTML; the documents (a documented
sample on a big corpus) are embedded JSON that a small script renders with
filters by source, script and rule, a text search and pages.

:func:`~zh_gov_essays.report.write.write_report` streams the corpus
(:mod:`.collect`), reads the chosen documents' raw pages from the input when
given (:mod:`.rawpage`), lays the removed log over them (:mod:`.align`,
:mod:`.payload`) and writes the page (:mod:`.page`, with ``report.js`` and
``report.css``).  :mod:`.legend` names and colours the rules; :mod:`.options`
holds the sampling settings.  This package file imports nothing heavy, so the
command line stays quick to start.
"""
