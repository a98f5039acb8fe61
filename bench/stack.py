"""The production stack the benchmark and the load test run against.

PostgreSQL databases of their own, ``collectstatic`` into a temporary STATIC_ROOT, gunicorn
with DEBUG off on a spare port, and wrk driving it. Everything started here is stopped and
removed again by the context managers.
"""

import contextlib
import json
import os
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = PROJECT / ".venv" / "bin" / "python"
GUNICORN = PROJECT / ".venv" / "bin" / "gunicorn"
LUA = Path(__file__).resolve().parent / "wrk" / "report.lua"
FIXTURES = ["fixtures/members.json", "fixtures/chairmanship.json", "fixtures/meetings.json"]
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")


def log(message):
    print(f"· {message}", file=sys.stderr, flush=True)


def database_url(name):
    return f"{SERVER}/{name}"


def psql(sql, database="postgres"):
    result = subprocess.run(  # noqa: S603 -- our own statements, on our own databases
        ["psql", database_url(database), "-XAtqc", sql],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def database_exists(name):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"  # noqa: S608


def drop_database(name):
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(name):
    drop_database(name)
    psql(f'CREATE DATABASE "{name}"')


def redis_available():
    host, port = REDIS.split("//", 1)[1].split("/", 1)[0].split(":")
    with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=1):
        return True
    return False


@dataclass
class Site:
    """One database with its environment: what gunicorn and manage.py run with."""

    name: str
    env: dict
    workdir: Path

    def manage(self, *args, quiet=True):
        subprocess.run(  # noqa: S603 -- the project's own manage.py
            [str(PYTHON), "manage.py", *args],
            cwd=PROJECT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
        )

    def python(self, script, *args):
        """Run one of bench/'s scripts under this site's settings; its stdout as JSON."""
        result = subprocess.run(  # noqa: S603 -- a script of this folder
            [str(PYTHON), str(Path(__file__).parent / script), *args],
            cwd=PROJECT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(result.stdout)


@contextlib.contextmanager
def site(database, *, use_redis=True, workdir=None):
    """The environment of a production deployment on ``database``, in a temporary folder."""
    folder = Path(workdir or tempfile.mkdtemp(prefix=f"{database}-"))
    (folder / "static").mkdir(exist_ok=True)
    (folder / "media").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(database),
        "DB_CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        # Plain HTTP on localhost: no redirect to HTTPS, cookies not HTTPS-only.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if use_redis:
        env["REDIS_URL"] = REDIS
    else:
        env.pop("REDIS_URL", None)
    try:
        yield Site(database, env, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Searches of the benchmark's search row and the load test's search phase: words that match
# many meetings of the large record and words that match few, in both languages.
SEARCH_WORDS = [
    ("en", "refugees"),
    ("ru", "беженцы"),
    ("en", "migration"),
    ("ru", "миграции"),
    ("en", "Baku"),
    ("ru", "Азербайджана"),
    ("en", '"labour migration"'),
    ("ru", "трудовой миграции"),
    ("en", "trafficking protection"),
    ("ru", "Прохорова"),
    ("en", "remittances"),
    ("en", "statelessness"),
]


def search_path(language, words):
    return f"/{language}/meetings/?q={quote(words)}"


def prepare(site, *, meetings=0, items=20, reuse=False):
    """Create, migrate and fill the site's database: the record, plus ``meetings`` synthetic."""
    if reuse and database_exists(site.name):
        stored = psql(
            "SELECT count(*) FROM meetings_meeting WHERE slug LIKE 'synthetic-%'", site.name
        )
        items_stored = psql(
            "SELECT count(*) FROM meetings_agendaitem i JOIN meetings_meeting m "
            "ON m.id = i.meeting_id WHERE m.slug LIKE 'synthetic-%'",
            site.name,
        )
        if stored == str(meetings) and items_stored == str(meetings * items):
            log(f"{site.name}: reusing ({stored} synthetic meetings)")
            site.manage("migrate", "--no-input")
            # A database kept from before the search index existed has no search documents.
            indexed = psql("SELECT count(*) FROM meetings_meetingsearchdocument", site.name)
            if indexed != psql("SELECT count(*) FROM meetings_meeting", site.name):
                log(f"{site.name}: rebuild_search_index")
                site.manage("rebuild_search_index")
            return
        log(f"{site.name}: holds {stored} synthetic meetings, not {meetings}; rebuilding")
    log(f"{site.name}: create, migrate, load the record")
    create_database(site.name)
    site.manage("migrate", "--no-input")
    site.manage("loaddata", *FIXTURES)
    if meetings:
        log(f"{site.name}: generate_record --meetings {meetings} --items {items}")
        started = time.monotonic()
        site.manage("generate_record", f"--meetings={meetings}", f"--items={items}")
        log(f"{site.name}: generated in {time.monotonic() - started:.0f} s")
    psql("VACUUM ANALYZE", site.name)


def collectstatic(site):
    site.manage("collectstatic", "--no-input", "--clear")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_workers(worker_class=None):
    """How gunicorn's workers serve: ``worker_class``, or what gunicorn.conf.py sets."""
    if worker_class:
        return worker_class
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    return f"{config['worker_class']} ({config['threads']} threads each)"


class Gunicorn:
    """gunicorn serving the portal's WSGI app; ``with Gunicorn(site, workers=4) as server``.

    It runs as in production: with the project's ``gunicorn.conf.py`` (threaded workers) unless
    ``worker_class`` names another.
    """

    def __init__(self, site, *, workers, worker_class=None, port=None):
        self.site = site
        self.workers = workers
        self.worker_class = worker_class
        self.port = port or free_port()
        self.process = None
        self.log_path = site.workdir / "gunicorn.log"

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.log_file = self.log_path.open("w")
        chosen = [f"--worker-class={self.worker_class}"] if self.worker_class else []
        self.process = subprocess.Popen(  # noqa: S603 -- the venv's gunicorn
            [
                str(GUNICORN),
                "almaty_portal.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                *chosen,
                "--log-level=warning",
            ],
            cwd=PROJECT,
            env=self.site.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready()
        return self

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/en/", timeout=5) as response:  # noqa: S310
                    if response.status == 200 and len(self.worker_pids()) == self.workers:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self.log_tail()}")

    def warm_up(self, paths):
        """Request each path once, in turn: imports, connections, the stored PDF."""
        for path in paths:
            with urllib.request.urlopen(self.base_url + path, timeout=60) as response:  # noqa: S310
                response.read()

    def log_tail(self):
        return "\n".join(self.log_path.read_text().splitlines()[-30:])

    def worker_pids(self):
        """The master's worker processes (their parent is the master)."""
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):
                fields = dict(
                    line.split(":\t", 1)
                    for line in status.read_text().splitlines()
                    if ":\t" in line
                )
                if fields.get("PPid", "").strip() == str(self.process.pid):
                    pids.append(int(status.parent.name))
        return sorted(pids)

    def peak_rss_mib(self):
        """Each worker's peak resident memory (VmHWM), in MiB."""
        peaks = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
        return peaks

    def reload(self):
        """A graceful reload: new workers start, the old ones finish what they serve."""
        self.process.send_signal(signal.SIGHUP)

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


def wrk(url, *, duration, connections, threads, timeout=10, args=()):
    """Run wrk with bench/wrk/report.lua; its summary as a dict (latencies in ms)."""
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        f"--timeout={timeout}s",
        f"--script={LUA}",
        url,
    ]
    if args:
        command += ["--", *args]
    result = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    line = next(x for x in result.stdout.splitlines() if x.startswith("WRKJSON "))
    summary = json.loads(line.removeprefix("WRKJSON "))
    for key in ("p50", "p90", "p95", "p99", "max"):
        summary[key] = summary[key] / 1000
    summary["rps"] = summary["requests"] / (summary["duration_us"] / 1e6)
    summary["socket_errors"] = sum(summary[key] for key in ("connect", "read", "write", "timeout"))
    summary["output"] = result.stdout
    return summary


def machine():
    """nproc, memory and CPU model, for the report."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return f"{os.cpu_count()} CPUs ({cpu}), {memory_kib / 1024 / 1024:.0f} GiB RAM"


def require(*programs):
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        sys.exit(f"Missing {', '.join(missing)}: apt-get install wrk postgresql-client")
