"""Loading, validating and extending the gazetteers, and the `gazetteer check` command."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from armsledger.cli import main
from armsledger.errors import GazetteerError
from armsledger.mentions import Gazetteers, check_gazetteers, detect, load_gazetteers
from armsledger.mentions.entries import System
from armsledger.models import Document

EXTRA = Path(__file__).resolve().parents[1] / "data" / "gazetteers"


def test_bundled_gazetteers_pass_the_check() -> None:
    assert check_gazetteers() == []


def test_gazetteer_check_command_exits_zero_on_bundled_data() -> None:
    result = CliRunner().invoke(main, ["gazetteer", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: gazetteers ")


def test_load_without_extra_dir_is_cached(bundled: Gazetteers) -> None:
    assert load_gazetteers() is bundled


def test_version_comes_from_the_version_file(bundled: Gazetteers) -> None:
    version_file = Path(__file__).resolve().parents[2] / "armsledger" / "data" / "gazetteers" / "VERSION"
    assert bundled.version == version_file.read_text(encoding="utf-8").strip()


def test_every_iso_state_and_the_historical_ones_are_present(bundled: Gazetteers) -> None:
    import pycountry

    assert {c.alpha_2 for c in pycountry.countries} <= set(bundled.states)
    assert all(bundled.states[code].historical for code in ("SU", "CS", "YU", "DD"))
    assert not bundled.states["RU"].historical


def test_extra_dir_adds_entries_and_marks_the_version() -> None:
    extended = load_gazetteers(extra_dir=EXTRA / "extra")
    assert "zz-test-howitzer" in extended.systems
    assert "+user." in extended.version
    mentions = detect(Document(id="t", text="Two Testgun Mk9 howitzers left."), extended)
    assert [(m.entity, m.state) for m in mentions] == [("zz-test-howitzer", "FR")]


def test_extra_dir_with_a_bundled_id_is_an_error() -> None:
    with pytest.raises(GazetteerError, match="duplicate id 's-400'"):
        load_gazetteers(extra_dir=EXTRA / "conflict")


def test_check_reports_unknown_state_missing_field_and_alias_collision(tmp_path: Path) -> None:
    shutil.copy(EXTRA / "broken" / "systems.csv", tmp_path / "systems.csv")
    problems = check_gazetteers(extra_dir=tmp_path)
    assert any("unknown origin 'QQ'" in p for p in problems)
    assert any("missing 'category'" in p for p in problems)


def test_check_reports_alias_collisions(tmp_path: Path) -> None:
    shutil.copy(EXTRA / "collision" / "orgs.csv", tmp_path / "orgs.csv")
    problems = check_gazetteers(extra_dir=tmp_path)
    assert any("alias collision on 'rosoboronexport'" in p for p in problems)
    result = CliRunner().invoke(main, ["gazetteer", "check", "--gazetteer-dir", str(tmp_path)])
    assert result.exit_code == 1


def _system(designation: str, aliases: tuple[str, ...]) -> System:
    return System(id="x", designation=designation, aliases=aliases, family=designation, category="UAV",
                  producer=None, origin="US", unit="unit")


def test_a_code_and_name_designation_prints_its_code_when_news_uses_it_alone() -> None:
    assert _system("RQ-1 Predator", ("RQ-1", "Predator")).code == "RQ-1"
    assert _system("A-330 MRTT", ("MRTT",)).code == "A-330 MRTT"  # the code alone is an airliner
    assert _system("120mm Light Mortar", ("120mm",)).code == "120mm Light Mortar"  # a calibre, not a name
    assert _system("Bayraktar TB2", ("TB2",)).code == "Bayraktar TB2"  # name first: already as written
