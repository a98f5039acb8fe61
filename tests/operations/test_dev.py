"""./dev on a fresh clone: what it says, installs or refuses when the machine lacks a package.

Each test runs the working tree's ./dev (as `git ls-files` would clone it) with a PATH of
its own, from which tools are hidden, and with stand-ins for `apt-get`, `sudo`, `id` and
Python. Python is always hidden (or a stand-in), so that where ./dev goes on it stops at
the first step that does something: no test creates a virtualenv or installs anything.
"""

import contextlib
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from tests.machine import missing

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clone(tmp_path):
    """The project's files as a fresh clone of the working tree would have them."""
    git = shutil.which("git")
    if not git:
        missing("needs git to list the project's files")
    listed = subprocess.run(  # noqa: S603 - a fixed command on our own checkout
        [git, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=PROJECT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    clone = tmp_path / "clone"
    for name in filter(None, listed.split("\0")):
        source = PROJECT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    return clone


# Programs a test may hide; Python, pyenv and id are never there as themselves.
SWITCHABLE = ("msgfmt", "chromium", "apt-get", "sudo")


@pytest.fixture(scope="session")
def usual_programs(tmp_path_factory):
    """Every program on PATH but the switchable ones, in one directory made once."""
    bin_dir = tmp_path_factory.mktemp("usual-bin")
    hidden = (*SWITCHABLE, "python", "pyenv", "id")
    seen = set()
    for directory in os.environ["PATH"].split(os.pathsep):
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in entries:
                if entry.name not in seen and not entry.name.startswith(hidden):
                    seen.add(entry.name)
                    (bin_dir / entry.name).symlink_to(entry.path)
    return bin_dir


class Machine:
    """This machine's programs but the hidden ones and Python, with stand-ins before them."""

    def __init__(self, bin_dir, usual_programs, *, hidden, user_id):
        self.bin_dir = bin_dir
        self.path = os.pathsep.join([str(bin_dir), str(usual_programs)])
        bin_dir.mkdir()
        for name in SWITCHABLE:
            if name not in hidden and (program := shutil.which(name)):
                (bin_dir / name).symlink_to(program)
        self.stand_in("id", f'[ "$1" = -u ] && echo {user_id} || exec /usr/bin/id "$@"\n')

    def stand_in(self, name, script):
        path = self.bin_dir / name
        path.write_text("#!/bin/sh\n" + script)
        path.chmod(0o755)
        return path

    def dev(self, clone, *arguments, **environment):
        return subprocess.run(  # noqa: S603 - our own script
            [shutil.which("bash"), str(clone / "dev"), *arguments],
            env={"PATH": self.path, "HOME": str(clone.parent), **environment},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )


@pytest.fixture
def machine(tmp_path, usual_programs):
    def make(*, hidden, user_id=0):
        return Machine(tmp_path / "bin", usual_programs, hidden=hidden, user_id=user_id)

    return make


def files_of(clone):
    return sorted(p.relative_to(clone) for p in clone.rglob("*"))


@pytest.mark.parametrize("command", ["serve", "test", "setup"])
def test_a_missing_required_package_stops_dev_before_anything_with_its_install_command(
    clone, machine, command
):
    laptop = machine(hidden=["msgfmt", "apt-get", "sudo"], user_id=1000)
    before = files_of(clone)

    result = laptop.dev(clone, command)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: ./dev {command} needs system packages this machine does not have:\n"
        "  gettext: msgfmt compiles the Russian interface strings\n"
        "Install them with:\n"
        "  sudo apt-get update && sudo apt-get install --no-install-recommends gettext\n"
        "(Debian and Ubuntu names; on another system, its own package manager.)\n"
        f"Nothing else was done: run ./dev {command} again once they are installed.\n"
    )
    assert not (clone / ".venv").exists()
    assert files_of(clone) == before


def test_dev_test_names_what_it_would_skip_and_ci_makes_it_required(clone, machine):
    laptop = machine(hidden=["msgfmt", "chromium", "apt-get", "sudo"])

    here = laptop.dev(clone, "test")
    in_ci = laptop.dev(clone, "test", CI="true")

    assert "  chromium (optional): Chromium runs the browser tests (skipped without it)\n" in (
        here.stderr
    )
    assert "  chromium: Chromium runs the browser tests (in CI they fail without it)\n" in (
        in_ci.stderr
    )
    for result in here, in_ci:
        assert result.returncode == 1
        assert "  apt-get update && apt-get install --no-install-recommends gettext chromium\n" in (
            result.stderr
        )
    assert not (clone / ".venv").exists()


def test_a_missing_optional_package_is_named_and_dev_goes_on(clone, machine):
    laptop = machine(hidden=["chromium", "apt-get", "sudo"])

    result = laptop.dev(clone, "test")

    assert result.stderr.splitlines() == [
        "note: chromium is not installed: Chromium runs the browser tests (skipped without it);"
        " to install it: apt-get update && apt-get install --no-install-recommends chromium",
        "error: the portal needs Python 3.12 or newer; none was found on PATH or in pyenv.",
    ]
    assert not (clone / ".venv").exists()


APT_GET = """echo "$*" >> "$APT_LOG"
[ "$1" = install ] && ln -s /bin/true "$(dirname "$0")/msgfmt"
exit 0
"""


@pytest.mark.parametrize(
    ("user_id", "prefix"), [(0, ""), (1000, "sudo ")], ids=["as root", "with sudo"]
)
def test_where_it_may_dev_installs_what_is_missing_and_says_so(
    clone, machine, tmp_path, user_id, prefix
):
    laptop = machine(hidden=["msgfmt", "apt-get", "sudo"], user_id=user_id)
    laptop.stand_in("apt-get", APT_GET)
    # Password-less sudo: `sudo -n true` succeeds and any command runs.
    laptop.stand_in("sudo", 'echo "sudo $*" >> "$APT_LOG"; [ "$1" = -n ] && shift; exec "$@"\n')
    log = tmp_path / "apt.log"

    result = laptop.dev(clone, "serve", APT_LOG=str(log))

    assert (
        result.stdout == "Installing the system packages ./dev serve needs with apt-get: gettext\n"
    )
    installs = [line for line in log.read_text().splitlines() if not line.startswith("sudo")]
    assert installs == ["update -qq", "install -y -qq --no-install-recommends gettext"]
    if prefix:
        assert "sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq" in log.read_text()
    # Installed, ./dev went on to its next step (which finds no Python on this PATH).
    assert "needs system packages" not in result.stderr
    assert "error: the portal needs Python 3.12 or newer" in result.stderr


def test_dev_no_install_only_names_the_packages(clone, machine, tmp_path):
    laptop = machine(hidden=["msgfmt", "apt-get"])
    laptop.stand_in("apt-get", APT_GET)
    log = tmp_path / "apt.log"

    result = laptop.dev(clone, "serve", APT_LOG=str(log), DEV_NO_INSTALL="1")

    assert result.returncode == 1
    assert "  apt-get update && apt-get install --no-install-recommends gettext\n" in result.stderr
    assert not log.exists()
    assert not (clone / ".venv").exists()


def test_a_python_that_cannot_make_a_virtualenv_is_named_with_its_package(clone, machine):
    laptop = machine(hidden=["apt-get", "sudo"])
    # Debian's Python 3.13 without python3.13-venv: no ensurepip.
    python = laptop.stand_in(
        "python3.13", 'case "$2" in *ensurepip*) exit 1;; *print*) echo 13;; esac\n'
    )
    before = files_of(clone)

    result = laptop.dev(clone, "serve")

    assert result.returncode == 1
    assert f"  python3.13-venv: {python} cannot create the virtualenv without it\n" in (
        result.stderr
    )
    assert "apt-get install --no-install-recommends python3.13-venv\n" in result.stderr
    assert files_of(clone) == before


def test_a_dependency_warning_about_the_machine_is_not_an_error_but_ours_are():
    # As WeasyPrint warns when it is imported without libharfbuzz-subset0 (pyproject.toml).
    with warnings.catch_warnings(record=True) as caught:
        warnings.warn_explicit(
            "HarfBuzz-Subset will be required by future versions of WeasyPrint. Please install "
            "this library with your package manager.",
            DeprecationWarning,
            "ffi.py",
            1,
            module="weasyprint.text.ffi",
        )
    assert caught == []

    with pytest.raises(DeprecationWarning):
        warnings.warn_explicit(
            "HarfBuzz-Subset will be required",
            DeprecationWarning,
            "x.py",
            1,
            module="meetings.documents.pdf",
        )
