"""Sphinx extension: a 404 page that works wherever the site is served.

Hosts (GitHub Pages, Read the Docs, most static servers) answer a missing address
with the site's ``404.html``, at the address that was asked for: a page with links
relative to the site's root would break at any other depth, and one with absolute
links (sphinx-notfound-page's ``notfound_urls_prefix``) only works under the one
prefix it was built for. So this page needs nothing but itself: its styles are
inline, it loads no file, and its links are found in the browser: a short script
walks up from the address asked for to the first folder that holds this site (it
has ``_static/gdbook.css``) and points the links there. Without JavaScript, or if
no such folder answers, the links go to the canonical site
(``gdbook_canonical_url``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Page not found - {project}</title>
<style>
:root {{ color-scheme: light dark; --fg: #222832; --bg: #fff; --link: #0a6a7a; }}
@media (prefers-color-scheme: dark) {{
  :root {{ --fg: #ced6dd; --bg: #121212; --link: #5fd3e3; }}
}}
body {{ margin: 0; font: 1.05rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto,
  sans-serif; color: var(--fg); background: var(--bg); }}
main {{ max-width: 40rem; margin: 12vh auto; padding: 0 1.5rem; }}
h1 {{ font-size: 2rem; line-height: 1.2; }}
a {{ color: var(--link); }}
li {{ margin: 0.3rem 0; }}
</style>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>There is no page at this address in {project}. It may have moved, or the link
that brought you here may be mistyped.</p>
<ul>
<li><a data-gdbook-page="" href="{home}">{project}'s home page</a></li>
<li><a data-gdbook-page="auto_examples/index.html"
  href="{home}auto_examples/index.html">All the examples</a></li>
<li><a data-gdbook-page="search.html" href="{home}search.html">Search the
  site</a></li>
</ul>
</main>
<script>
(async () => {{
  const marker = "_static/gdbook.css";
  const folders = location.pathname.split("/").slice(1, -1);
  for (let depth = folders.length; depth >= 0; depth--) {{
    const root = "/" + folders.slice(0, depth).map((f) => f + "/").join("");
    let found = false;
    try {{
      found = (await fetch(root + marker)).ok;
    }} catch (error) {{
      found = false;
    }}
    if (found) {{
      document.querySelectorAll("a[data-gdbook-page]").forEach((link) => {{
        link.href = root + link.dataset.gdbookPage;
      }});
      return;
    }}
  }}
}})();
</script>
</body>
</html>
"""


def write_404(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    home = app.config.gdbook_canonical_url.rstrip("/") + "/"
    page = PAGE.format(project=escape(app.config.project), home=escape(home))
    (Path(app.outdir) / "404.html").write_text(page, encoding="utf-8")


def setup(app):
    from gdbook_notebooks import add_canonical_url_setting

    add_canonical_url_setting(app)
    app.connect("build-finished", write_404)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
