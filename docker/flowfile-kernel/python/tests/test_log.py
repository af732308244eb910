"""log / log_info / log_warning / log_error."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import flowfile
from conftest import Published
from flowfile._log import LOG_MIME


@pytest.mark.parametrize(
    ("call", "level"),
    [
        (lambda m: flowfile.log(m), "INFO"),
        (lambda m: flowfile.log(m, "DEBUG"), "DEBUG"),
        (lambda m: flowfile.log(m, level="warning"), "WARNING"),
        (flowfile.log_info, "INFO"),
        (flowfile.log_warning, "WARNING"),
        (flowfile.log_error, "ERROR"),
    ],
)
def test_log_publishes_the_flowfile_log_mime(published: Published, call: Any, level: str) -> None:
    call("loaded 1,234 rows")

    data, metadata = published.only()
    record = data[LOG_MIME]
    assert record["level"] == level
    assert record["message"] == "loaded 1,234 rows"
    assert record["node_id"] is None
    assert data["text/plain"] == f"[{level}] loaded 1,234 rows"
    assert metadata == {}


def test_log_time_is_iso_8601_utc(published: Published) -> None:
    flowfile.log_info("now")

    stamp = published.only()[0][LOG_MIME]["time"]
    assert stamp.endswith("Z")
    parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert parsed.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - parsed) < timedelta(seconds=5)


def test_log_carries_the_node_id_of_the_run_context(published: Published, exchange: dict[str, Any]) -> None:
    flowfile.log_warning("careful")

    assert published.only()[0][LOG_MIME]["node_id"] == 3


def test_log_converts_the_message_to_text(published: Published) -> None:
    flowfile.log(42)  # type: ignore[arg-type]

    assert published.only()[0][LOG_MIME]["message"] == "42"


@pytest.mark.parametrize("level", ["TRACE", "", None, 20])
def test_invalid_level_is_refused_listing_the_levels(published: Published, level: Any) -> None:
    with pytest.raises(ValueError, match="invalid log level .*use one of DEBUG, INFO, WARNING, ERROR"):
        flowfile.log("x", level)
    assert published.messages == []


def test_outside_a_kernel_log_prints_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    flowfile.log_error("broken")

    captured = capsys.readouterr()
    assert captured.err == "[ERROR] broken\n"
    assert captured.out == ""
