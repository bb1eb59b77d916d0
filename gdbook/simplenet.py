"""Deprecated: :class:`~gdbook.SimpleNet` is in :mod:`gdbook.networks`."""

from gdbook import networks
from gdbook._errors import renamed

__getattr__ = renamed("gdbook.simplenet", {"SimpleNet": networks.SimpleNet})
