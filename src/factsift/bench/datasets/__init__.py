"""Readers of the public data sets that benchmarks and training read (never run time)."""
