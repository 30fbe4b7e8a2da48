"""The three stances the stage reports, by index: the model's outputs are in this order."""

from __future__ import annotations

LABELS = ("supports", "refutes", "not enough info")
SUPPORTS, REFUTES, NEI = 0, 1, 2
