"""Video output: the ffmpeg binary that matplotlib's animation writer calls."""

from __future__ import annotations

import shutil

__all__ = ["use_bundled_ffmpeg"]


def use_bundled_ffmpeg() -> str | None:
    """Point matplotlib's video writer at an ffmpeg binary, if none is configured.

    When no ``ffmpeg`` is on the ``PATH``, the binary of the ``imageio-ffmpeg``
    wheel (gdbook's ``video`` extra) is used.

    Returns
    -------
    str or None
        The ffmpeg path matplotlib will use, or None when there is none.

    Examples
    --------
    >>> from gdbook.plot import use_bundled_ffmpeg
    >>> path = use_bundled_ffmpeg()  # e.g. '.../imageio_ffmpeg/binaries/ffmpeg-...'
    """
    import matplotlib as mpl

    configured: str = mpl.rcParams["animation.ffmpeg_path"]
    if found := shutil.which(configured):
        return found
    try:
        import imageio_ffmpeg
    except ImportError:
        return None
    path: str = imageio_ffmpeg.get_ffmpeg_exe()
    mpl.rcParams["animation.ffmpeg_path"] = path
    return path
