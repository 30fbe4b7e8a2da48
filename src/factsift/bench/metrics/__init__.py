"""Metrics of the benchmarks, also used by training to choose and report models."""
