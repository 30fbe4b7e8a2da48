"""The optional packages of the benchmark wing: ``pip install 'factsift[bench]'``.

scikit-learn (and scipy, which it brings) is for baselines, cross-validation and rank
correlations only; the run-time install leaves it out, so a benchmark checks for it first
and names the extra instead of failing with an ImportError.
"""

from __future__ import annotations

from factsift.errors import BenchmarkError


def require_scikit_learn() -> None:
    """Raise BenchmarkError, naming the extra to install, when scikit-learn is missing."""
    try:
        import sklearn  # type: ignore[import-untyped]  # noqa: F401
    except ImportError as exc:
        raise BenchmarkError(
            "scikit-learn is needed for this benchmark: pip install 'factsift[bench]'"
        ) from exc
