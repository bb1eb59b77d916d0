"""The rules the browser tests apply, on cases made here (no browser needed)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from sitecheck import SiteServer, alt_problem

FIGURE = "http://127.0.0.1:1/gdbook/_images/sphx_glr_plot_numerical_diff_001.png"


@pytest.mark.parametrize(
    ("alt", "link_text", "verdict"),
    [
        ("Central difference at x₀ = 3: the slope of the chord", "", None),
        ("", "The numerical derivative", None),  # decorative thumbnail in a card
        (None, "", "no alt attribute"),
        ("", "", 'alt="" but no link or card names what it shows'),
        ("plot numerical diff", "", "is the file's name"),  # sphinx-gallery's fallback
        ("sphx_glr_plot_numerical_diff_001.png", "", "is the file's name"),
        ("Figure", "", "does not say what the image shows"),
        ("Loss", "", "does not say what the image shows"),
    ],
)
def test_alt_text_rules(alt, link_text, verdict):
    problem = alt_problem({"src": FIGURE, "alt": alt, "linkText": link_text})
    if verdict is None:
        assert problem is None
    else:
        assert verdict in problem


def test_the_server_serves_the_site_under_its_sub_path_only(tmp_path):
    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("<p>sub</p>")
    with SiteServer(tmp_path, "/gdbook/") as server:
        with urllib.request.urlopen(server.url("index.html")) as response:
            assert response.read() == b"<p>home</p>"
        with urllib.request.urlopen(server.url("sub/")) as response:
            assert response.read() == b"<p>sub</p>"
        for outside in ("/index.html", "/sub/index.html", "/gdbook-other/index.html"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(server.origin + outside)
            assert error.value.code == 404
            error.value.close()
