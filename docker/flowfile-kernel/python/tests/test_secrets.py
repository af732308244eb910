"""flowfile.get_secret and Secret through a fake engine."""

from __future__ import annotations

import logging
import pickle
from typing import Any

import pytest

import flowfile
from conftest import FakeEngine


def test_get_secret_asks_the_engine_by_name_and_hides_the_value(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["get_secret"] = lambda m: {"ok": True, "value": "hunter2"}

    secret = flowfile.get_secret("warehouse.password")

    assert secret.get_secret_value() == "hunter2" and secret.reveal() == "hunter2"
    assert secret.name == "warehouse.password"
    assert "hunter2" not in str(secret) and "hunter2" not in repr(secret) and "hunter2" not in f"{secret}"
    assert repr(secret) == "Secret('warehouse.password', '**********')"
    message = engine.messages[-1]
    assert (message["action"], message["name"]) == ("get_secret", "warehouse.password")
    assert "value" not in message


def test_a_secret_is_not_pickled_into_an_artifact(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["get_secret"] = lambda m: {"ok": True, "value": "hunter2"}
    secret = flowfile.get_secret("token")

    with pytest.raises(TypeError, match="secret 'token' cannot be pickled"):
        pickle.dumps(secret)
    with pytest.raises(flowfile.ArtifactSerializationError):
        flowfile.publish_artifact("leak", {"token": secret})
    # copying settings (a common defensive step) keeps the secret as it is
    import copy

    assert copy.deepcopy({"token": secret})["token"] is secret and copy.copy(secret) is secret


def test_a_logged_secret_shows_its_mask(flow: dict[str, Any], engine: FakeEngine, caplog: pytest.LogCaptureFixture) -> None:
    engine.handlers["get_secret"] = lambda m: {"ok": True, "value": "hunter2"}
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("using %s", flowfile.get_secret("token"))
    assert "hunter2" not in caplog.text and "**********" in caplog.text


def test_an_unknown_secret_says_what_the_engine_says(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["get_secret"] = lambda m: {"ok": False, "error": "there is no secret named 'nope': set it under Secrets first"}

    with pytest.raises(flowfile.EngineError, match="no secret named 'nope'"):
        flowfile.get_secret("nope")


@pytest.mark.parametrize("name", ["", "has space", "../up", "..", "x" * 129])
def test_a_bad_name_is_refused_before_asking(name: str, flow: dict[str, Any], engine: FakeEngine) -> None:
    with pytest.raises(ValueError, match="a secret's name is 1-128 letters"):
        flowfile.get_secret(name)
    assert engine.messages == []


def test_a_name_that_is_no_string_is_refused(flow: dict[str, Any], engine: FakeEngine) -> None:
    with pytest.raises(TypeError, match="must be a string, not int"):
        flowfile.get_secret(3)  # type: ignore[arg-type]


def test_outside_a_run_there_is_no_secret() -> None:
    with pytest.raises(flowfile.NoContextError):
        flowfile.get_secret("token")
