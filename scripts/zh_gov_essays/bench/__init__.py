"""``zh-gov-essays bench``: the build's speed and memory, as ratios measured in one run.

:mod:`~.material` takes the seed pages apart, :mod:`~.noise` reproduces
their damage, :mod:`~.crawl` makes the synthetic crawl; :mod:`~.measure`
times the build (in a child process) and the baseline over the same files;
:mod:`~.profile` splits ``process()`` by stage and by text rule;
:mod:`~.dedup` measures the duplicate finder; :mod:`~.report` turns it all
into the targets, the tables and the JSON line; :mod:`~.run` runs it in order.
"""
