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

Each language's site has its 404 page (``404.html``, ``zh_CN/404.html``), in its
words (``gdbook_i18n.ui``), with its links into that site and one to the other
language's home page.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sphinx.util.osutil import relative_uri

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title} - {project}</title>
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
<h1>{title}</h1>
<p>{explanation}</p>
<ul>
<li><a data-gdbook-page="" href="{home}">{home_page}</a></li>
<li><a data-gdbook-page="auto_examples/index.html"
  href="{home}auto_examples/index.html">{examples}</a></li>
<li><a data-gdbook-page="search.html" href="{home}search.html">{search}</a></li>
{others}</ul>
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
    from gdbook_i18n import LANGUAGES, folder, ui

    root = app.config.gdbook_canonical_url.rstrip("/") + "/"
    here = folder(app.config)
    project = escape(app.config.project)
    # The other languages' home pages: relative to this site's root as found.
    others = "".join(
        f'<li><a data-gdbook-page="{escape(relative_uri(here, where))}" '
        f'href="{escape(root + where)}" lang="{tag}" hreflang="{tag}">'
        f"{escape(LANGUAGE_HOME[code])}</a></li>\n"
        for code, (where, tag, _) in LANGUAGES.items()
        if code != app.config.language
    )
    page = PAGE.format(
        lang=LANGUAGES[app.config.language][1],
        project=project,
        home=escape(root + here),
        title=escape(ui(app, "Page not found")),
        explanation=escape(
            ui(
                app,
                "There is no page at this address in {project}. It may have moved, "
                "or the link that brought you here may be mistyped.",
            ).format(project=app.config.project)
        ),
        home_page=escape(
            ui(app, "{project}'s home page").format(project=app.config.project)
        ),
        examples=escape(ui(app, "All the examples")),
        search=escape(ui(app, "Search the site")),
        others=others,
    )
    (Path(app.outdir) / "404.html").write_text(page, encoding="utf-8")


#: The link to each language's home page, in that language.
LANGUAGE_HOME = {"en": "The site in English", "zh_CN": "中文版网站"}


def setup(app):
    from gdbook_notebooks import add_canonical_url_setting

    add_canonical_url_setting(app)
    app.connect("build-finished", write_404)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
