from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
AEB = SHARED / "benchmarks" / "aeb-dev"


def expected(path: Path) -> dict[str, Any]:
    """The expected article stored beside a fixture: ``name.expected.json``."""
    return json.loads(path.with_name(path.name.split(".")[0] + ".expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
