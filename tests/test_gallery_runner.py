"""tests/gallery_runner.py runs a script as a new ``python plot_x.py`` would."""

from __future__ import annotations

import os
import textwrap

import pytest
from gallery_runner import ForkServer, run_in_new_process

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")

SCRIPTS = {
    "plot_where.py": """
        import os, sys
        import matplotlib
        print(__name__, os.path.basename(__file__), os.path.isabs(__file__))
        print(sys.argv, os.getcwd() == os.path.dirname(__file__))
        print(sys.path[0] == os.path.dirname(__file__), matplotlib.get_backend())
        print(os.environ["PYTHONHASHSEED"], hash("gdbook"))
        print("中文")
    """,
    "plot_raises.py": """
        print("before")
        raise ValueError("the script's error")
    """,
    "plot_exit_3.py": "import sys; sys.exit(3)",
    "plot_exit_message.py": "import sys; sys.exit('a message')",
    "plot_warns.py": "import warnings; warnings.warn('careful')",
    "plot_changes_state.py": """
        import matplotlib.pyplot as plt
        plt.rcParams["lines.linewidth"] = 9.0
        plt.figure()
        import gdbook
        gdbook.INJECTED = True
    """,
    "plot_sees_state.py": """
        import matplotlib.pyplot as plt
        import gdbook
        print(plt.rcParams["lines.linewidth"], plt.get_fignums())
        print(hasattr(gdbook, "INJECTED"))
    """,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    for name, text in SCRIPTS.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server():
    with ForkServer() as server:
        yield server


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_a_forked_run_is_a_new_interpreters_run(server, folder, name):
    forked = server.run(folder / name)
    new = run_in_new_process(folder / name)
    assert forked.returncode == new.returncode
    assert forked.stdout == new.stdout
    assert forked.stderr == new.stderr


def test_exit_codes_and_stderr(server, folder):
    raised = server.run(folder / "plot_raises.py")
    assert (raised.returncode, raised.stdout) == (1, "before\n")
    assert raised.stderr.startswith("Traceback")
    assert raised.stderr.endswith("ValueError: the script's error\n")
    assert server.run(folder / "plot_exit_3.py").returncode == 3
    message = server.run(folder / "plot_exit_message.py")
    assert (message.returncode, message.stderr) == (1, "a message\n")
    assert "UserWarning: careful" in server.run(folder / "plot_warns.py").stderr
    assert server.run(folder / "plot_where.py").stderr == ""


def test_nothing_a_script_changes_reaches_the_next(server, folder):
    before = server.run(folder / "plot_sees_state.py")
    assert server.run(folder / "plot_changes_state.py").returncode == 0
    after = server.run(folder / "plot_sees_state.py")
    assert (after.returncode, after.stdout) == (0, before.stdout)
    assert after.stdout.splitlines()[1] == "False"


def test_a_new_server_after_a_lost_one(server, folder):
    server.close()
    assert server.run(folder / "plot_exit_3.py").returncode == 3
