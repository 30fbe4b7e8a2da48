from datetime import date

from factsift.ingest.dates import first_iso_date
from factsift.stages.factchecks import predates


def test_dates_first_iso_date_needs_a_full_day_unless_month_is_ok() -> None:
    assert first_iso_date("published 2024-03-14T10:00:00Z") == date(2024, 3, 14)
    assert first_iso_date("2024-02") is None
    assert first_iso_date("2024-02", month_ok=True) == date(2024, 2, 1)
    assert first_iso_date("2024-02-30") is None
    assert first_iso_date(None) is None


def test_dates_predates_is_unknown_for_a_bare_month() -> None:
    # A fact-check dated only "2024-03" cannot be ordered against an article of 2024-03-10.
    assert predates("2024-03", "2024-03-10") is None
    assert predates("2024-03-09", "2024-03-10") is True
    assert predates("2024-03-11", "2024-03-10") is False
