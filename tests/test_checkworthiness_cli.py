"""``factsift bench checkworthiness`` on bad data: exit 6 and one line on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.cli.main import main

BENCHMARK_ERROR = 6


def run_bench(*args: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main(["bench", *args])
    return int(exc.value.code or 0)


def test_checkworthiness_cli_missing_data_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_bench("checkworthiness", "--data", str(tmp_path / "none"), "--json")
    err = capsys.readouterr().err.strip().splitlines()
    assert code == BENCHMARK_ERROR
    assert len(err) == 1 and err[0].startswith("factsift: error: No CLEF debate TSV files")


def test_checkworthiness_cli_wrong_format_names_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "cb.json"
    data.write_text('[{"sentence_id": 1, "label": 1, "text": "x"}]')
    code = run_bench("checkworthiness", "--data", str(data), "--format", "clef-debate")
    assert code == BENCHMARK_ERROR
    assert "--format claimbuster" in capsys.readouterr().err
