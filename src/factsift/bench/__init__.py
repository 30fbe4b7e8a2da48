"""Benchmarks run on demand (``factsift bench ...``); figures go into BENCHMARKS.md."""
