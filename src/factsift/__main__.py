"""``python -m factsift``: the same as the ``factsift`` command."""

from factsift.cli.main import main

main()
