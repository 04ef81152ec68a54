"""Every setting is documented in the README, with its default."""
from __future__ import annotations

import pytest

from graph.errors import MrkgError
from graph.settings import PROJECT_ROOT, Settings, settings_table


def test_every_setting_is_in_the_readme() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert settings_table() in readme, "README.md's settings table is stale: paste `python -m graph.settings`"
    for variable, _default, _help in Settings.documentation():
        assert f"`{variable}`" in readme


def test_environment_overrides_are_typed() -> None:
    settings = Settings.from_env({"MRKG_QUERY_TIMEOUT": "2.5", "MRKG_UPDATE_ENABLED": "yes",
                                  "MRKG_SERVICE_ALLOWLIST": "http://a.example/sparql, http://b.example/sparql"})
    assert settings.query_timeout == 2.5
    assert settings.update_enabled is True
    assert settings.service_allowlist == ("http://a.example/sparql", "http://b.example/sparql")


def test_a_bad_value_names_the_variable() -> None:
    with pytest.raises(MrkgError, match="MRKG_MAX_ROWS='many'"):
        Settings.from_env({"MRKG_MAX_ROWS": "many"})
