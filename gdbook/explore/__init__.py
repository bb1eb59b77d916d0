"""Explorables: interactive figures of gdbook runs, computed in Python, offline.

An explorable runs a gdbook call (gradient descent, SGD on the line fit...) once for
each value on a grid of parameters, keeps only what it draws, and shows the runs
behind sliders: moving a slider switches to another precomputed run. Every number
on it is gdbook's, formatted here, in Python; the page's small script only swaps
paths and texts, so the figure works in the built site, in Jupyter from a
downloaded notebook and in a saved HTML file, with no kernel, no network and no
JavaScript library. It does not need matplotlib.

Make one with a builder and make it the last expression of a notebook cell (or of a
sphinx-gallery code block), which shows its HTML:

>>> from gdbook import parabola
>>> from gdbook.explore import gradient_descent
>>> explorable = gradient_descent(parabola, 5.0, lrs=[0.1, 0.9, 1.1], steps=50)
>>> explorable.frame(lr=0.9).readouts["behaviour"]
'converges, oscillating'

The builders are :func:`gradient_descent` (the learning rate),
:func:`hyperparameters` (one or two settings of any optimizer) and
:func:`fit_line_sgd` (learning rate and batch size of SGD); :class:`Explorable`,
:class:`Slider`, :class:`Frame` and :class:`Figure` make new ones.
"""

from gdbook.explore._descent import behaviour, gradient_descent, hyperparameters
from gdbook.explore._figure import Explorable, Frame, Slider, value_text
from gdbook.explore._sgd import fit_line_sgd
from gdbook.explore._svg import Axes, Figure

__all__ = [
    "Axes",
    "Explorable",
    "Figure",
    "Frame",
    "Slider",
    "behaviour",
    "fit_line_sgd",
    "gradient_descent",
    "hyperparameters",
    "value_text",
]
