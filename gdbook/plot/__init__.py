"""Matplotlib helpers for every figure and animation of the site, grouped by kind:
the only part of gdbook that imports matplotlib, lazily. A helper takes ``ax=None``
(a new figure then), returns the ``Axes`` or the ``FuncAnimation``, never shows it."""

from collections.abc import Callable
from typing import Any

from gdbook._errors import renamed
from gdbook.plot.lines import cost_curves, data_with_line, line_fit_animation
from gdbook.plot.paths import (
    descent_animation,
    descent_path,
    difference_errors_plot,
    gradient_field,
    loss_curve,
    use_bundled_ffmpeg,
)

__all__ = [
    "cost_curves",
    "data_with_line",
    "descent_animation",
    "descent_path",
    "difference_errors_plot",
    "gradient_field",
    "line_fit_animation",
    "loss_curve",
    "use_bundled_ffmpeg",
]


def _old(new: Callable[..., Any], **fixed: Any) -> Callable[..., Any]:
    """``new`` with the arguments ``fixed`` (``xlabel``, ``ylabel``: ``labels``)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        if {"xlabel", "ylabel"} & kwargs.keys():
            kwargs["labels"] = (kwargs.pop("xlabel", "x"), kwargs.pop("ylabel", "f(x)"))
        return new(*args, **{**fixed, **kwargs})

    arguments = ", ".join(f"{name}={value!r}" for name, value in fixed.items())
    call.__module__, call.__qualname__ = __name__, f"{new.__name__}({arguments})"
    return call


# The earlier names, kept for one release: the views became a parameter.
__getattr__ = renamed(
    __name__,
    {
        "path_on_curve": _old(descent_path, view="curve"),
        "path_on_contour": _old(descent_path, view="contour"),
        "path_on_surface": _old(descent_path, view="surface"),
        "animate_path_on_curve": _old(descent_animation, view="curve"),
        "animate_path_on_surface": _old(descent_animation, view="surface"),
        "cost_curves_3d": _old(cost_curves, view="3d", zlim=(0.0, 2.0)),
        "line_cost_surface": _old(cost_curves, view="surface"),
    },
)
