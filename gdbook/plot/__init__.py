"""Matplotlib helpers for every figure and animation of the site.

This is the only part of gdbook that uses matplotlib, and it imports it lazily,
inside the functions, so that ``import gdbook.plot`` (like ``import gdbook``) stays
light and needs no backend. Every helper takes ``ax=None`` (a new figure is made
when it is None), returns the ``Axes`` it drew on (or the ``FuncAnimation``), and
never calls ``plt.show()``.

Import the helpers from here (``from gdbook.plot import path_on_curve``); the
modules behind them group them by kind:

- :mod:`gdbook.plot.paths`: a descent drawn on its function (curve, contour
  lines, surface) and the field of the negative gradient;
- :mod:`gdbook.plot.curves`: the loss of a run against its updates or epochs, and
  the error of a finite difference against the step;
- :mod:`gdbook.plot.animations`: the same paths, and a line fit, one frame per
  point;
- :mod:`gdbook.plot.lines`: the data with a line, and the cost of a line as
  curves and as a surface;
- :mod:`gdbook.plot.video`: the ffmpeg binary that writes the animations as video.
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
