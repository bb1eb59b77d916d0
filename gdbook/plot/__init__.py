"""Matplotlib helpers for every figure and animation of the site, grouped by kind.

The only part of gdbook that uses matplotlib, imported lazily. A helper takes
``ax=None`` (a new figure then), returns the ``Axes`` or the ``FuncAnimation``,
and never calls ``plt.show()``.
"""

from gdbook.plot.animations import (
    animate_path_on_curve,
    animate_path_on_surface,
    line_fit_animation,
)
from gdbook.plot.curves import difference_errors_plot, loss_curve
from gdbook.plot.lines import (
    cost_curves,
    cost_curves_3d,
    data_with_line,
    line_cost_surface,
)
from gdbook.plot.paths import (
    gradient_field,
    path_on_contour,
    path_on_curve,
    path_on_surface,
)
from gdbook.plot.video import use_bundled_ffmpeg

__all__ = [
    "animate_path_on_curve",
    "animate_path_on_surface",
    "cost_curves",
    "cost_curves_3d",
    "data_with_line",
    "difference_errors_plot",
    "gradient_field",
    "line_cost_surface",
    "line_fit_animation",
    "loss_curve",
    "path_on_contour",
    "path_on_curve",
    "path_on_surface",
    "use_bundled_ffmpeg",
]
