"""The teaching order of the gallery's pages, chapter by chapter.

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

from pathlib import Path

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
        "plot_float64_freeze.py",  # E12: why the large rate freezes near 1e13
    ),
    "03_fitting_lines": (
        "plot_line_fit.py",  # E05 (source 001)
        "plot_line_through_origin.py",  # E06 (source 002)
        "plot_sgd_erratum.py",  # E07 (source 002)
        "plot_surface_of_the_cost.py",  # E14 (source 004)
        "plot_surface_slices.py",  # source 004's slices, between E14 and E15
        "plot_training_on_beans.py",  # E15 (source 004)
        "plot_sgd_noise.py",  # SGD's noise on the beans (extends E07, E15)
    ),
    "04_backpropagation": (
        "plot_backprop_by_hand.py",  # E01 (source 000)
        "plot_simplenet.py",  # E13 (source 003)
    ),
    "05_performance": ("plot_why_vectorise.py",),
    "06_optimizers": (
        "plot_why_gd_is_slow.py",  # the condition number, the zigzag
        "plot_momentum.py",  # the heavy ball, Nesterov
        "plot_adaptive_steps.py",  # AdaGrad, RMSProp, Adam
        "plot_fair_race.py",  # six optimizers, one budget, a grid of rates
        "plot_noise_and_schedules.py",  # SGD's noise floor; learning-rate schedules
    ),
    "07_explorables": (
        "plot_explore_learning_rate.py",  # E02, E12 with a slider
        "plot_explore_momentum.py",  # the heavy ball (chapter 06's quadratic)
        "plot_explore_sgd_noise.py",  # E15's beans: learning rate and batch size
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
