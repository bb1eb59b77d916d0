"""The course: its chapters in reading order, each chapter's pages in teaching order.

The site reads as a course (docs/index.md is its map): chapter by chapter, the
chapter's lesson (a page of docs/concepts/), then its gallery pages, then the next
chapter. :data:`COURSE` says which lessons and which gallery folder make each chapter;
:data:`TEACHING_ORDER` the order of the pages inside a folder.

Sphinx's previous/next links follow the toctree, depth first: docs/_ext/gdbook_course.py
(the Sphinx extension) uses these tables to give each chapter's first lesson a
toctree of the chapter's other lessons and gallery pages, in teaching order.

This module imports nothing from Sphinx: sphinx-gallery imports it for its sort key,
and the tests read its tables.

sphinx-gallery sorts the pages of a chapter with the key named by
``within_subsection_order`` in ``conf.py``: here ``"gdbook_order.TeachingOrder"``, a
fully qualified name, which sphinx-gallery imports and instantiates with the
chapter's folder. A name (a string) rather than an object keeps the configuration
picklable for parallel builds.

Each chapter lists its pages in the order of the sources. A page that is not listed
(a new one) comes after the listed pages, in file-name order, so adding a page
never breaks the build; add it to the list to give it its place. The order is
tested in tests/test_gallery_order.py, on the configuration and on the built index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

GALLERY_OUT = "auto_examples"  # sphinx_gallery_conf["gallery_dirs"] in docs/conf.py


@dataclass(frozen=True)
class Chapter:
    """One chapter of the course.

    ``lessons`` are docnames of pages under docs/: the first is the chapter's lesson,
    whose toctree lists the others, then the pages of gallery folder ``folder``.
    """

    title: str
    folder: str
    lessons: tuple[str, ...]


#: The chapters, in reading order. Folder names are not renumbered: chapter 5 is
#: folder 06_optimizers and chapter 6 folder 05_performance.
COURSE: tuple[Chapter, ...] = (
    Chapter(
        "Derivatives and the numerical gradient",
        "01_derivatives",
        ("concepts/derivatives", "concepts/numerical-gradient"),
    ),
    Chapter("Gradient descent", "02_gradient_descent", ("concepts/gradient-descent",)),
    Chapter(
        "Fitting a line: batch and stochastic gradient descent",
        "03_fitting_lines",
        ("concepts/fitting-lines",),
    ),
    Chapter("Backpropagation", "04_backpropagation", ("concepts/backpropagation",)),
    Chapter(
        "Why descent is slow, and the optimizers",
        "06_optimizers",
        ("concepts/optimizers",),
    ),
    Chapter("Making it fast", "05_performance", ("concepts/performance",)),
)

#: Pages of each chapter (folder under ``gallery/``), in teaching order.
TEACHING_ORDER: dict[str, tuple[str, ...]] = {
    "01_derivatives": (
        "plot_numerical_diff.py",  # E08: the central difference
        "plot_difference_error.py",  # how small should h be? (extends E08)
        "plot_numerical_gradient.py",  # E09, E10: the gradient and its field
        "plot_gradient_direction.py",  # -grad f need not aim at the minimum
    ),
    "02_gradient_descent": (
        "plot_parabola_descent.py",  # E02
        "plot_parabola_animation.py",  # E03
        "plot_bowl_descent_3d.py",  # E04
        "plot_numerical_descent.py",  # E11
        "plot_learning_rates.py",  # E12
        "plot_explore_learning_rate.py",  # E02, E12 with a slider
        "plot_float64_freeze.py",  # E12: why the large rate freezes near 1e13
    ),
    "03_fitting_lines": (
        "plot_line_fit.py",  # E05 (source 001)
        "plot_line_through_origin.py",  # E06 (source 002)
        "plot_sgd_erratum.py",  # E07 (source 002)
        "plot_surface_of_the_cost.py",  # E14 (source 004)
        "plot_surface_curves_3d.py",  # E14: the curves in 3D, zoomed
        "plot_surface_slices.py",  # source 004's slices, between E14 and E15
        "plot_training_on_beans.py",  # E15 (source 004)
        "plot_sgd_noise.py",  # SGD's noise on the beans (extends E07, E15)
        "plot_explore_sgd_noise.py",  # E15's beans: learning rate and batch size
    ),
    "04_backpropagation": (
        "plot_backprop_by_hand.py",  # E01 (source 000)
        "plot_simplenet.py",  # E13 (source 003)
    ),
    "05_performance": ("plot_why_vectorise.py",),
    "06_optimizers": (
        "plot_why_gd_is_slow.py",  # the condition number, the zigzag
        "plot_momentum.py",  # the heavy ball and its rate
        "plot_explore_momentum.py",  # the heavy ball with two sliders
        "plot_momentum_region.py",  # where momentum converges
        "plot_nesterov.py",  # Nesterov's momentum
        "plot_adaptive_steps.py",  # AdaGrad, RMSProp, Adam
        "plot_adaptive_states.py",  # what their states remember
        "plot_adam_bias_correction.py",  # Adam's first steps
        "plot_fair_race.py",  # six optimizers, one budget, a grid of rates
        "plot_escaping_a_saddle.py",  # the saddle of the race
        "plot_noise_floor.py",  # SGD's noise floor
        "plot_schedules.py",  # learning-rate schedules
        "plot_warmup.py",  # warmup: small steps while the curvature is large
        "plot_weight_decay.py",  # L2 in Adam against AdamW's decoupled decay
        "plot_clipping.py",  # gradient clipping on a loss with a cliff
        "plot_linear_scaling.py",  # the linear-scaling rule, and where it breaks
        "plot_momentum_noise.py",  # momentum under noise: the effective rate
        "plot_convex_rates.py",  # convex rates: 1/k against 1/k²
    ),
}


def teaching_key(chapter: str, filename: str) -> tuple[int, str]:
    """The sort key of ``filename`` in ``chapter``: its place, then its name.

    >>> teaching_key("02_gradient_descent", "plot_parabola_descent.py")
    (0, 'plot_parabola_descent.py')
    >>> teaching_key("02_gradient_descent", "plot_new_page.py")[0] > 100
    True
    """
    order = TEACHING_ORDER.get(chapter, ())
    name = Path(filename).name
    place = order.index(name) if name in order else len(order) + 1000
    return place, name


class TeachingOrder:
    """sphinx-gallery sort key: the pages of a chapter in :data:`TEACHING_ORDER`.

    sphinx-gallery creates one per folder, with that folder, and calls it with file
    names (bare names, or full paths when it builds its list of all examples).
    """

    def __init__(self, src_dir) -> None:
        self.src_dir = src_dir

    def __call__(self, filename) -> tuple[int, str]:
        path = Path(filename)
        chapter = path.parent.name if path.parent.name else Path(str(self.src_dir)).name
        return teaching_key(chapter, path.name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {Path(str(self.src_dir)).name}>"


def chapter_pages(gallery: Path, folder: str) -> list[str]:
    """The gallery pages (script names) of ``folder``, in teaching order."""
    key = TeachingOrder(str(gallery / folder))
    return sorted((p.name for p in (gallery / folder).glob("plot_*.py")), key=key)


def lesson_toctree(chapter: Chapter, gallery: Path) -> str:
    """The MyST toctree that a chapter's first lesson ends with."""
    entries = [f"/{lesson}" for lesson in chapter.lessons[1:]]
    entries += [
        f"/{GALLERY_OUT}/{chapter.folder}/{Path(page).stem}"
        for page in chapter_pages(gallery, chapter.folder)
    ]
    # The chapter ends with its exercises (docs/exercises/, gdbook.exercises).
    entries.append(f"/exercises/chapter-{COURSE.index(chapter) + 1}")
    lines = ["", "", "```{toctree}", ":caption: The pages of this chapter, in order"]
    lines += [":maxdepth: 1", "", *entries, "```", ""]
    return "\n".join(lines)


# sphinx-gallery's index of a folder ends with a hidden toctree of its pages.
_GALLERY_TOCTREE = re.compile(r"^\.\. toctree::\n(?:(?:[ \t]+.*)?\n)*", re.MULTILINE)


def without_toctree(rst: str) -> str:
    """``rst`` (a sphinx-gallery folder index) without its toctree.

    >>> without_toctree("Intro\\n\\n.. toctree::\\n   :hidden:\\n\\n   /a\\n\\nEnd\\n")
    'Intro\\n\\nEnd\\n'
    """
    return _GALLERY_TOCTREE.sub("", rst)


def find_page(gallery: Path, name: str) -> str:
    """The chapter folder of gallery page ``name`` (``plot_x`` or ``plot_x.py``)."""
    stem = Path(name).stem
    found = sorted(p.parent.name for p in gallery.glob(f"*/{stem}.py"))
    if len(found) != 1:
        raise ValueError(f"{len(found)} gallery pages named {stem}.py: {found}")
    return found[0]


def chapter_key(folder: str) -> tuple[int, str]:
    """sphinx-gallery's sort key of the chapters (``subsection_order``): the order of
    :data:`COURSE`, then any other folder by name. It is given a folder's path.

    >>> sorted(["g/06_optimizers", "g/05_performance"], key=chapter_key)
    ['g/06_optimizers', 'g/05_performance']
    """
    name = Path(folder).name
    folders = [chapter.folder for chapter in COURSE]
    return (folders.index(name) if name in folders else len(folders)), name
