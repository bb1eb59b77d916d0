"""Reset function run by sphinx-gallery before each example.

It lives in a module (not in conf.py) so that sphinx-gallery's configuration holds
only its dotted name and Sphinx can cache the configuration.
"""

from __future__ import annotations


def reset_matplotlib_and_ffmpeg(gallery_conf, fname):
    """Reset matplotlib between examples, then point it at the bundled ffmpeg.

    sphinx-gallery's own reset restores matplotlib's defaults, which forgets the
    ffmpeg path; animations are written as H.264 video with the ffmpeg of the
    ``imageio-ffmpeg`` wheel when the machine has none.
    """
    import matplotlib.pyplot as plt

    from gdbook.plot import use_bundled_ffmpeg

    plt.rcdefaults()
    if use_bundled_ffmpeg() is None:
        raise RuntimeError(
            "no ffmpeg found: install gdbook's 'video' extra (imageio-ffmpeg)"
        )
