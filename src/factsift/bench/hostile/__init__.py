"""Hostile inputs through every entry point of the CLI (``factsift bench hostile``).

``generator.generate()`` lists the cases (``payloads`` builds their bytes, one
``cases_*`` module per entry point); ``runner`` runs each through the real CLI in a
subprocess against a private store copy and a local hostile server, and sorts it into an
``Outcome``; ``report`` counts them. ``tests/test_hostile_suite.py`` runs the CI slice.
"""
