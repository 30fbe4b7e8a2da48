"""TF-IDF settings shared by training, run time and the benchmark baseline."""

from __future__ import annotations

from typing import Any

# sklearn TfidfVectorizer options; the run-time scorer rebuilds the same vectoriser from
# the exported vocabulary and idf.
TFIDF_OPTIONS: dict[str, Any] = {
    "lowercase": True,
    "ngram_range": (1, 2),
    "min_df": 3,
    "sublinear_tf": True,
    "max_features": 30000,
}
