"""Sphinx extension: accessibility fixes to what the theme generates.

pydata-sphinx-theme makes each sidebar section with sub-pages collapsible with a
``<details><summary>`` whose only content is a chevron icon marked decorative. A
screen reader then announces an unnamed control, and axe-core reports it
(``summary-name``, serious). Each such summary gets a visually hidden name:
"Subsections of <the section's title>", in the site's language (gdbook_i18n.ui).
"""

from __future__ import annotations

import functools

from gdbook_i18n import ui


def label_toctree_toggles(soup, label: str = "Subsections of {title}") -> None:
    """Name every empty ``<summary>`` after the link of its section (in place):
    ``label`` with the section's title for ``{title}``."""
    for summary in soup.select("li.has-children > details > summary"):
        if summary.get_text(strip=True):
            continue  # already named: a caption inside, or labelled on a previous page
        item = summary.find_parent("li")
        link = item.find("a", recursive=False)
        title = link.get_text(" ", strip=True) if link else "this section"
        hidden = soup.new_tag("span", attrs={"class": "visually-hidden"})
        hidden.string = label.format(title=title)
        summary.append(hidden)


def name_sidebar_toggles(app, pagename, templatename, context, doctree) -> None:
    """Wrap the theme's sidebar generator so that its toggles have names."""
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "_gdbook_labelled", False):
        return

    label = ui(app, "Subsections of {title}")

    @functools.wraps(generate)
    def generate_labelled(kind, *args, **kwargs):
        result = generate(kind, *args, **kwargs)
        if kind == "sidebar" and hasattr(result, "select"):
            label_toctree_toggles(result, label)
        return result

    generate_labelled._gdbook_labelled = True
    context["generate_toctree_html"] = generate_labelled


def setup(app):
    # After the theme has put its functions into the page's context (priority 500).
    app.connect("html-page-context", name_sidebar_toggles, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
