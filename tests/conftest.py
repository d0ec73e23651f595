"""Shared, small, named fixtures. Feature-specific fixtures live beside their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.resources import ROOT, SEED_ARTICLE


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_article_path() -> Path:
    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article not found at {SEED_ARTICLE}")
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def seed_text(seed_article_path: Path) -> str:
    return seed_article_path.read_text(encoding="utf-8")
