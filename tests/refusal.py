"""Bad input is checked by the error's type and the argument it names, not wording."""

from __future__ import annotations

import pytest


def refused(error: type[Exception], argument: str, call) -> None:
    """``call()`` raises ``error`` naming ``argument``.

    A declared check's error carries ``.argument``; an error found later (a NaN
    in the data, an overflow) names the argument in its message.
    """
    with pytest.raises(error) as raised:
        call()
    if hasattr(raised.value, "argument"):
        assert raised.value.argument == argument, str(raised.value)
    else:
        assert argument in str(raised.value), str(raised.value)
