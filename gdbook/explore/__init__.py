"""Explorables: interactive figures of gdbook runs, computed in Python, offline.

An explorer runs a gdbook call (gradient descent, SGD on the line fit...) once for
each value on a grid of settings, keeps what it draws, and returns an
:class:`Explorable`: the runs behind sliders. Moving a slider switches to another
precomputed run. The static parts of the figure are drawn by matplotlib; every
number on it is gdbook's, formatted in Python; a small plain script
(``explore.js``) only swaps paths and texts, so the figure works in the built site,
in Jupyter and in a saved HTML file, with no kernel and no network.

Make one the last expression of a notebook cell (or of a sphinx-gallery block):

>>> from gdbook import parabola
>>> from gdbook.explore import learning_rate_explorer
>>> explorable = learning_rate_explorer(parabola, 5.0, lrs=[0.1, 0.9, 1.1], steps=50)
>>> explorable.frame(lr=0.9).readouts["behaviour"]
'converges, oscillating'

The explorers are :func:`learning_rate_explorer`, :func:`optimizer_explorer` (two
settings of any optimizer) and :func:`sgd_noise_explorer` (learning rate and batch
size of SGD); :class:`Explorable`, :class:`Slider`, :class:`Frame` and
:class:`Panel` make new ones.
"""

import warnings

from gdbook.explore._descent import (
    behaviour,
    learning_rate_explorer,
    optimizer_explorer,
)
from gdbook.explore._draw import Panel
from gdbook.explore._figure import Explorable, Frame, Slider, value_text
from gdbook.explore._sgd import sgd_noise_explorer

__all__ = [
    "Explorable",
    "Frame",
    "Panel",
    "Slider",
    "behaviour",
    "learning_rate_explorer",
    "optimizer_explorer",
    "sgd_noise_explorer",
    "value_text",
]

#: The names of gdbook 0.2's first explorables, kept for one release.
_RENAMED = {
    "gradient_descent": learning_rate_explorer,
    "hyperparameters": optimizer_explorer,
    "fit_line_sgd": sgd_noise_explorer,
}


def __getattr__(name: str):
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(
            f"gdbook.explore.{name} is renamed gdbook.explore.{new.__name__} (it "
            f"is not gdbook.{name}); the old name goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return new
    raise AttributeError(f"module 'gdbook.explore' has no attribute {name!r}")
