"""Check-worthiness: which sentences state a claim worth checking.

``score_sentences(texts)`` gives each sentence a probability in [0, 1]; a sentence is
check-worthy when its score is at least ``threshold``. The model card is
``model/README.md``; the benchmark is ``factsift bench checkworthiness``.
"""

from __future__ import annotations

from factsift.checkworthiness.scorer import CheckworthinessModelError, load_model, score_sentences

# F1-optimal cut on out-of-fold scores of the CLEF-2020 train debates (see the model card);
# a test checks it equals the packaged model's own threshold.
threshold = 0.26695667829447395

__all__ = ["CheckworthinessModelError", "load_model", "score_sentences", "threshold"]
