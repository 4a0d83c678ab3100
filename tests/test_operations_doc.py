"""docs/operations.md: its settings table is the one the settings generate (`python -m tools.settings_doc`)."""

from __future__ import annotations

import pytest

from service.settings import ServiceSettings
from tools import settings_doc


def test_the_settings_table_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code = settings_doc.main(["--check"])
    assert code == 0, capsys.readouterr().err


def test_every_setting_has_a_row_with_its_variable_and_default() -> None:
    table = settings_doc.table()
    assert table.count("\n") == len(ServiceSettings.model_fields) + 2
    assert "| `SUMMARIZER_BACKEND` | `transformers` |" in table
    assert "| `SUMMARIZER_OPENAI_API_KEY` | unset |" in table
    assert "| `SUMMARIZER_BRIEF_CACHE_ENTRIES` | `256` |" in table
    assert "| `SLACK_SIGNING_SECRET` | unset |" in table  # an alias, read without the prefix


def test_the_table_is_replaced_between_its_markers_only() -> None:
    document = f"intro\n{settings_doc.START}\nold rows\n{settings_doc.END}\noutro\n"
    updated = settings_doc.with_table(document)
    assert updated.startswith("intro\n") and updated.endswith(f"{settings_doc.END}\noutro\n")
    assert "old rows" not in updated and settings_doc.table() in updated
    with pytest.raises(ValueError, match="markers"):
        settings_doc.with_table("no markers here")
