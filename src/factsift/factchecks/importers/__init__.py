"""Importers: public formats in, ``FactCheck`` records out.

Each reader yields ``FactCheck`` records or ``BadRecord`` notes (file and line); the
runner in ``factsift.factchecks.importers.runner`` writes them in one transaction.
"""

from factsift.factchecks.importers.base import BadRecord, ImportResult, Item
from factsift.factchecks.importers.runner import run_import

__all__ = ["BadRecord", "ImportResult", "Item", "run_import"]
