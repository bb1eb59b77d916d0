"""Fixtures of the built-site tests: the site, a local server, a real browser.

Outside CI, the tests skip with a message saying what to install or run when the
browser or the built site is missing; with ``CI=true`` they fail instead.

tests/conftest.py loads this module as a plugin, so there is one server and one
browser for the whole run. (A ``conftest.py`` here would be imported as the module
``conftest`` too and shadow ``tests/conftest.py``, which other test modules import.)
"""

from __future__ import annotations

import pytest
from sitecheck import (
    CHROMIUM_ARGS,
    INSTALL_HINT,
    NOT_BUILT,
    SITE,
    SUB_PATH,
    SiteServer,
    find_chromium,
    site_is_built,
    unavailable,
)


@pytest.fixture(scope="session")
def site():
    """The built site's folder (skip, or fail in CI, when it is not built)."""
    if not site_is_built():
        unavailable(NOT_BUILT)
    return SITE


@pytest.fixture(scope="session")
def server(site):
    """The site served on 127.0.0.1 under the sub-path /gdbook/."""
    with SiteServer(site, SUB_PATH) as running:
        yield running


@pytest.fixture(scope="session")
def root_server(site):
    """The site served at the root of 127.0.0.1, as ``nox -s serve`` does."""
    with SiteServer(site, "/") as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright, for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed: `nox -s tests` installs it")
    executable = find_chromium()
    if executable is None:
        unavailable(f"no Chromium found for the browser tests: {INSTALL_HINT}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable or None, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (no cache, no stored settings) for one test."""
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    yield fresh
    fresh.close()
