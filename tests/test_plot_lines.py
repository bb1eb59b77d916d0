"""The line-fitting figures of gdbook.plot: the animation's panels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import gdbook
from gdbook.plot import line_fit_animation


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def beans_fit():
    """Source 004's run: 100 beans, w = b = 0.1, in the stored order."""
    x, y = gdbook.beans(100)
    fit = gdbook.fit_line_sgd(
        x, y, slope0=0.1, intercept0=0.1, lr=0.01, epochs=20, shuffle=False
    )
    return x, y, fit


def animate(x, y, fit, **kwargs):
    ws, bs = np.linspace(-0.2, 1.6, 11), np.linspace(-0.2, 1.0, 11)
    frames = np.array([0, 1, 10, 100, 1000, fit.steps_taken])
    anim = line_fit_animation(
        x,
        y,
        fit.slopes,
        fit.intercepts,
        frames=frames,
        ws=ws,
        bs=bs,
        costs=gdbook.line_cost_grid(x, y, ws, bs),
        **kwargs,
    )
    plt.gcf().canvas.draw()  # an animation that is never drawn warns
    return anim, frames


def test_every_bean_and_every_line_is_in_view(beans_fit):
    x, y, fit = beans_fit
    assert y.max() > 1.2  # the beans that the source's ylim (0, 1.2) cut off
    _, frames = animate(x, y, fit)
    left = plt.gcf().axes[0]
    x_low, x_high = left.get_xlim()
    y_low, y_high = left.get_ylim()
    assert x_low < x.min() and x.max() < x_high
    assert y_low < y.min() and y.max() < y_high
    ends = np.array([x.min(), x.max()])
    for k in frames:
        line = fit.slopes[k] * ends + fit.intercepts[k]
        assert y_low < line.min() and line.max() < y_high
    # The margin is small: the data fill the panel.
    assert (x.max() - x.min()) / (x_high - x_low) > 0.85


def test_limits_given_are_kept(beans_fit):
    x, y, fit = beans_fit
    animate(x, y, fit, xlim=(0, 1), ylim=(0, 1.5))
    left = plt.gcf().axes[0]
    assert left.get_xlim() == (0, 1)
    assert left.get_ylim() == (0, 1.5)


def test_bad_limits_are_refused(beans_fit):
    x, y, fit = beans_fit
    with pytest.raises(ValueError, match="ylim must be two finite numbers"):
        animate(x, y, fit, ylim=(1, 0))
