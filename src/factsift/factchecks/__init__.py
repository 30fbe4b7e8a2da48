"""Fact-checks: records, verdicts, importers and matching of claims to prior fact-checks.

The public surface is small: ``FactCheck`` and ``FactCheckMatch`` (records and results),
``Verdict``/``normalise_verdict`` (the verdict scale), and ``ClaimMatcher`` (hybrid
retrieval plus re-ranking). Importers live in ``factsift.factchecks.importers``.
"""

from factsift.factchecks.models import FactCheck, FactCheckMatch
from factsift.factchecks.verdicts import Verdict, normalise_verdict

__all__ = ["FactCheck", "FactCheckMatch", "Verdict", "normalise_verdict"]
