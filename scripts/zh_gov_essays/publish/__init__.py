"""Publishing: the corpus-level steps over the stream of cleaned documents.

``dedup`` flags duplicates, ``splits`` assigns train/validation/test,
``stats`` counts what the build produced, ``schema`` declares the columns,
``writer`` writes Parquet shards, the manifest and the card (``card``),
``validate`` is the gate before publishing, and ``atomic`` swaps the new
corpus into place.
"""
