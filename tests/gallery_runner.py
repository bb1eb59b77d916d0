"""Run gallery scripts as ``python plot_x.py`` would, without paying the start-up.

Starting Python and importing numpy, matplotlib and gdbook takes about half a
second, more than most gallery scripts take to run. A :class:`ForkServer` starts
one interpreter that imports them once (with the environment the scripts get:
``MPLBACKEND=Agg``, ``PYTHONHASHSEED=0``), then forks a new child for each script.
The child is a separate process with matplotlib as fresh as after ``import
matplotlib.pyplot`` (nothing a script draws or sets outlives it); it runs the
script as ``__main__`` from the script's folder, with ``sys.argv``, ``sys.path[0]``
and ``__file__`` as ``python plot_x.py`` sets them, its stdout and stderr going to
files of their own, and exits with the status Python would: 0, the ``SystemExit``
code, or 1 after printing the traceback.

What the fork cannot check is the script's own imports of numpy, matplotlib and
gdbook, which the server did: ``nox -s tests`` runs every downloaded script as a
separate ``python`` process outside the repository (tests/site/test_outside.py),
and :func:`run_in_new_process` here does so on request.
"""

from __future__ import annotations

import json
import locale
import os
import select
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

#: What every script gets in its environment (as the site build runs it: headless,
#: and with the same hashes in every run).
SCRIPT_ENV = {"MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
#: Imported once by the server; everything the gallery imports that is slow.
PRELOAD = (
    "numpy",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib.animation",
    "mpl_toolkits.mplot3d",
    "gdbook",
    "gdbook.plot",
    "gdbook.optimizers",
    "gdbook.schedules",
    "gdbook.explore",
    "fractions",
)
TIMEOUT = 300


class ScriptResult:
    """What a run of a script left: ``returncode``, ``stdout``, ``stderr`` (text,
    decoded as ``subprocess.run(..., text=True)`` decodes it)."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def run_in_new_process(script: Path) -> ScriptResult:
    """Run ``script`` as a reader does: ``python plot_x.py`` in a new interpreter,
    from the script's folder."""
    result = subprocess.run(
        [sys.executable, script.name],
        cwd=script.parent,
        env={**os.environ, **SCRIPT_ENV},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    return ScriptResult(result.returncode, result.stdout, result.stderr)


class ForkServer:
    """One interpreter with the gallery's imports done, forking a child per script.

    Where ``os.fork`` is missing (Windows), :meth:`run` starts a new interpreter
    for each script instead.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="gallery-runner-")
        self._count = 0

    def run(self, script: Path) -> ScriptResult:
        if not hasattr(os, "fork"):
            return run_in_new_process(script)
        folder = Path(self._folder.name)
        self._count += 1
        out = folder / f"{self._count}.out"
        err = folder / f"{self._count}.err"
        process = self._server()
        request = {"script": str(script.resolve()), "out": str(out), "err": str(err)}
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], TIMEOUT)
        line = process.stdout.readline() if ready else ""
        if not line:  # timed out, or the server died: start a new one next time
            self.close()
            reason = "timed out" if not ready else "lost its server"
            return ScriptResult(-1, "", f"{script.name} {reason}")
        returncode = json.loads(line)["returncode"]
        encoding = locale.getpreferredencoding(False)
        return ScriptResult(
            returncode,
            out.read_bytes().decode(encoding),
            err.read_bytes().decode(encoding),
        )

    def _server(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, __file__, "--serve"],
                env={**os.environ, **SCRIPT_ENV},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                start_new_session=True,  # its children too are killed by close()
            )
        return self._process

    def close(self) -> None:
        """Stop the server (a later :meth:`run` starts a new one)."""
        if self._process is not None:
            if self._process.poll() is None:
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
            self._process.stdin.close()
            self._process.stdout.close()
            self._process = None

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
        self._folder.cleanup()


def _execute(script: str) -> int:
    """Run ``script`` in this (forked) process as ``python script`` would; its exit
    status."""
    import atexit
    import builtins
    import traceback
    import types

    folder = os.path.dirname(script)
    os.chdir(folder)
    sys.argv = [os.path.basename(script)]
    sys.path[0] = folder
    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    with open(script, "rb") as file:
        code = compile(file.read(), script, "exec", dont_inherit=True)
    try:
        exec(code, main.__dict__)
        status = 0
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            status = exit.code or 0
        else:
            print(exit.code, file=sys.stderr)
            status = 1
    except BaseException as error:
        # From the script's own frame on, as Python prints it.
        traceback.print_exception(type(error), error, error.__traceback__.tb_next)
        status = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    return status


def _serve() -> None:
    """The server's loop: a JSON request per line on stdin, a JSON answer on the
    stdout it started with; what the imports or the scripts write elsewhere."""
    import gc
    import importlib

    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # a stray print of the server goes to its stderr
    for module in PRELOAD:
        importlib.import_module(module)
    gc.collect()
    gc.freeze()  # the children share the imported modules' pages
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                for fd, path in ((1, request["out"]), (2, request["err"])):
                    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                    os.dup2(target, fd)
                    os.close(target)
                sys.stdin.close()
                code = _execute(request["script"])
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        answers.write(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}))
        answers.write("\n")
        answers.flush()


if __name__ == "__main__" and sys.argv[1:] == ["--serve"]:
    _serve()
