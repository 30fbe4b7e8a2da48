"""Investigate the source: independent rating lists, rebrands and aliases, author signals.

- ``model``: plain records (lists, ratings, domain links, import results).
- ``scale``: the one normalised scale every raw label is mapped onto.
- ``lineage``: which original raters each list rests on, to count independent ratings.
- ``importers``: one function per public list, plus a generic CSV importer.
- ``rebrands``: the curated table of rebrands and aliases, each entry with its evidence.
- ``section``: the report's source section and findings; ``authors``: author signals.
- ``features`` / ``predictor``: a prediction for domains no list knows (shown as such).
"""
