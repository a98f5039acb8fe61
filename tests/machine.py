"""What a test needs from the machine: skipped where it is missing, failed in CI.

CI (which sets CI) must run every test, so there a missing tool is a failure; on a
developer's machine the test is skipped with the reason, and `./dev test` says beforehand
what it will skip and how to install it.
"""

import os
import shutil

import pytest


def missing(what):
    """Skip a test that needs something this machine lacks; in CI (which sets CI) fail it."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must be able to run every test: {what}", pytrace=False)
    pytest.skip(what)


def program(name, *, package, env=None):
    """The path of a program a test runs, from $env if given, else from PATH; see `missing`."""
    path = os.environ.get(env) if env else None
    found = path if path and os.access(path, os.X_OK) else shutil.which(name)
    if not found:
        missing(
            f"needs {name} (Debian package {package}, which `./dev test` installs where it can)"
        )
    return found
