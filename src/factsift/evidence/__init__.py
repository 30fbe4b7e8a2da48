"""Evidence for claims from the reference corpus: retrieval, stance, and a claim-level status.

``index`` keeps dense vectors of corpus passages; ``retrieval`` finds candidate passages for
a claim (BM25 and dense, fused) and filters them by date and source; ``verdict`` turns the
stance of each passage into a claim status only when the evidence is strong and consistent.
"""
