"""``factsift bench stance`` on bad data: exit 6 and one line on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.cli.main import main

BENCHMARK_ERROR = 6


def run_bench(*args: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main(["bench", *args])
    return int(exc.value.code or 0)


def test_stance_cli_bad_record_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "cf.jsonl"
    data.write_text('{"claim": "no evidence"}\n')
    code = run_bench("stance", "--data", str(data), "--format", "climate-fever")
    err = capsys.readouterr().err.strip().splitlines()
    assert code == BENCHMARK_ERROR
    assert len(err) == 1 and "not a Climate-FEVER record" in err[0]
