"""Measure the portal as deployed, with the real record and with a large synthetic one.

    .venv/bin/python bench/benchmark.py [--reuse] [--duration 15] [--rounds 3] [--workers 4]

For each record ("small": the fixtures; "large": the fixtures plus ``generate_record``, by
default 10,000 meetings of 20 agenda items) it creates a PostgreSQL database of its own
(almaty_bench_small, almaty_bench_large), migrates and loads it, runs ``collectstatic`` into
a temporary STATIC_ROOT, and starts gunicorn with DEBUG off on a spare port (with the shared
Redis cache when Redis answers, and the project's ``gunicorn.conf.py``, as in production).
Then:

- SQL queries per page, with an empty cache and again with a warm one (Django's test client);
- the first render of the 8th SOM's concept note (``meetings.documents.pdf.render_concept_note``,
  uncached, in a fresh process);
- the time of one request for the 8th SOM page that the page cache cannot answer, with the
  process's template fragments warm and with every cache empty (Django's test client);
- wrk against gunicorn for each page: requests per second, p50 and p95 latency;
- each page in ``--rounds`` runs (3 by default, ``--duration`` seconds in all), with a run of
  the static file of the same length before, between and after them: a page's share of the
  static file's throughput is taken against the static runs that frame its own, so that a
  change in the machine's speed during the benchmark (a shared machine's neighbours) does
  not decide the verdict. A page's p50 and p95 are the median of its runs;
- the peak resident memory (VmHWM) of each gunicorn worker.

It prints one table and checks the targets (issues 6 and 14). Databases are dropped at the end;
``--reuse`` keeps the large one and uses it next time if it has the same size (generating it
takes minutes). Needs wrk and psql (``apt-get install wrk postgresql-client``).
"""

import argparse
import json
import os
import sys
import time

import stack

MEETING = "/en/meetings/2023/8th-som/"
# The search row sends these in turn, each with a new query string: the page cache cannot
# answer, and the database sees words that match many meetings and words that match few.
SEARCHES = [stack.search_path(language, words) for language, words in stack.SEARCH_WORDS]
# (row name, path, wrk arguments after "--"); the static path is filled in from the site.
PAGES = [
    ("home", "/en/", ()),
    ("archive", "/en/meetings/", ()),
    ("8th SOM page", MEETING, ()),
    ("8th SOM page, uncached", MEETING, ("--bust",)),
    ("archive, uncached", "/en/meetings/", ("--bust",)),
    ("search, uncached", SEARCHES[0], ("--bust", *SEARCHES)),
    ("concept note PDF", MEETING + "concept-note.pdf", ()),
    ("Atom feed", "/en/meetings/feed/", ()),
    # The open-data API's answer for one meeting (JSON, both languages).
    ("8th SOM in the API", "/api/v1/meetings/2023/8th-som/", ()),
    ("static file", None, ()),
]
ADMIN_LIST = "admin meeting list"
CACHED = ["home", "archive", "8th SOM page", "concept note PDF", "Atom feed", "8th SOM in the API"]


def probe_path(path, wrk_args):
    """The path as probe.py takes it: ``?*`` (``&*``) asks for a new query string each time."""
    if "--bust" not in wrk_args:
        return path
    return f"{path}{'&' if '?' in path else '?'}*"


def measure(record, args):
    database = f"almaty_bench_{record}"
    meetings = args.meetings if record == "large" else 0
    with stack.site(database, use_redis=not args.no_redis) as site:
        stack.prepare(site, meetings=meetings, items=args.items, reuse=args.reuse)
        stack.collectstatic(site)
        if not args.no_redis:
            # Pages cached by an earlier run (or the other record) must not be served.
            site.python("flush_cache.py")
        stack.log(f"{record}: queries per page and the first PDF render")
        probe = site.python("probe.py", *[probe_path(p, e) for _, p, e in PAGES if p])
        pages = {}
        with stack.Gunicorn(site, workers=args.workers, worker_class=args.worker_class) as server:
            static_url = server.base_url + probe["static_url"]

            def load(url, duration, extra=()):
                return stack.wrk(
                    url,
                    duration=duration,
                    connections=args.connections,
                    threads=args.threads,
                    args=extra,
                )

            static = []
            run = max(1, args.duration // args.rounds)
            for name, path, extra in PAGES:
                path = path or probe["static_url"]
                url = server.base_url + path
                # A short warm-up: imports, connections, caches, the stored PDF.
                stack.wrk(url, duration=2, connections=4, threads=1, args=extra)
                # The static run before this page's first is the one after the last page's.
                around = static[-1:] or [load(static_url, run)["rps"]]
                stack.log(f"{record}: wrk {path} {' '.join(extra)}")
                runs = []
                for _ in range(args.rounds):
                    runs.append(load(url, run, extra))
                    around.append(load(static_url, run)["rps"])
                static = around
                result = combined(runs)
                result.update(
                    path=path,
                    queries=probe["pages"][probe_path(path, extra)],
                    static_rps=sum(around) / len(around),
                    static_rps_around=around,
                )
                pages[name] = result
            memory = server.peak_rss_mib()
        if record == "large" and args.reuse:
            stack.log(f"{database} kept for --reuse")
        else:
            stack.drop_database(database)
    return {
        "pages": pages,
        "memory_mib": memory,
        "pdf": probe["pdf"],
        "meeting_render_ms": probe["meeting_render_ms"],
        "admin": probe["admin"],
    }


def combined(runs):
    """One page's wrk runs as one: their totals, and the median of each latency percentile."""
    total = {
        key: sum(r[key] for r in runs)
        for key in ("requests", "duration_us", "bytes", "socket_errors", "status")
    }
    middle = len(runs) // 2
    for key in ("p50", "p90", "p95", "p99", "max"):
        total[key] = sorted(r[key] for r in runs)[middle]
    total["rps"] = total["requests"] / (total["duration_us"] / 1e6)
    total["rounds"] = [{key: r[key] for key in ("rps", "p50", "p95")} for r in runs]
    return total


def print_table(results, args):
    print()
    print(f"Machine: {stack.machine()}")
    print(
        f"gunicorn {args.workers} workers, {stack.production_workers(args.worker_class)}, "
        "PostgreSQL, "
        f"{'Redis cache' if not args.no_redis else 'per-process cache'}; "
        f"wrk {args.threads} threads, {args.connections} connections, {args.duration} s per row "
        f"in {args.rounds} runs"
    )
    print()
    header = (
        "| page | record | req/s | static file alongside, req/s | share | p50 ms | p95 ms "
        "| errors | queries (cold / warm) |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    print(header)
    for name, _, _ in PAGES:
        for record, result in results.items():
            page = result["pages"][name]
            errors = page["socket_errors"] + page["status"]
            queries = page["queries"]
            print(
                f"| {name} | {record} | {page['rps']:.0f} | {page['static_rps']:.0f} | "
                f"{share(page):.0%} | {page['p50']:.1f} | {page['p95']:.1f} | {errors} | "
                f"{queries['cold']} / {queries['warm']} |"
            )
    print()
    print(
        "| record | peak RSS per worker (MiB) | concept note PDF, first render (en / ru) "
        "| 8th SOM page without the page cache, one request (fragments warm / cold) |"
    )
    print("| --- | --- | --- | --- |")
    for record, result in results.items():
        memory = ", ".join(f"{m:.0f}" for m in result["memory_mib"])
        pdf = result["pdf"]
        render = result["meeting_render_ms"]
        print(
            f"| {record} | {memory} | {pdf['first_en_s']:.2f} s / {pdf['first_ru_s']:.2f} s "
            f"(WeasyPrint import {pdf['import_s']:.2f} s, second render "
            f"{pdf['again_en_s']:.2f} s) | {render['miss']:.1f} ms / {render['cold']:.1f} ms |"
        )
    print()
    print("| record | editors' page | queries | median ms (one request, test client) |")
    print("| --- | --- | ---: | ---: |")
    for record, result in results.items():
        for name, page in result["admin"].items():
            if "agenda_items" in page:
                name = name.replace("most", f"{page['agenda_items']}")
            print(f"| {record} | {name} | {page['queries']} | {page['ms']:.1f} |")


def share(page):
    """A page's throughput as a share of the static file's, run on either side of it."""
    return page["rps"] / page["static_rps"]


def targets(results):
    """The targets (issues 6 and 14): (description, met) pairs."""
    checks = []
    for record, result in results.items():
        pages = result["pages"]
        for name in CACHED:
            part = share(pages[name])
            checks.append(
                (f"{record}: {name} at ≥ 80% of the static file ({part:.0%})", part >= 0.8)
            )
        part = share(pages["8th SOM page, uncached"])
        checks.append(
            (
                f"{record}: uncached meeting page at ≥ 8% of the static file ({part:.0%})",
                part >= 0.08,
            )
        )
        for name, page in pages.items():
            if page["socket_errors"] or page["status"]:
                checks.append((f"{record}: {name} answered without errors", False))
            if page["queries"]["status"] != 200:
                checks.append(
                    (f"{record}: {name} answered 200 (got {page['queries']['status']})", False)
                )
        first = result["pdf"]["first_en_s"]
        checks.append((f"{record}: concept note PDF first render < 1 s ({first:.2f} s)", first < 1))
    if {"small", "large"} <= results.keys():
        small, large = results["small"]["pages"], results["large"]["pages"]
        for name, _, _ in PAGES:
            a, b = small[name]["queries"]["cold"], large[name]["queries"]["cold"]
            checks.append((f"{name}: same queries small and large ({a} / {b})", a == b))
        for name, _, _ in PAGES:
            if name == "search, uncached":
                continue  # Issue 19 sets its own target: within 3× of the uncached archive.
            growth = large[name]["p95"] / max(small[name]["p95"], 1e-3)
            checks.append((f"{name}: p95 grows < 1.5× small → large ({growth:.2f}×)", growth < 1.5))
        small_admin, large_admin = results["small"]["admin"], results["large"]["admin"]
        for name in small_admin:
            a, b = small_admin[name], large_admin[name]
            checks.append(
                (
                    f"{name}: same queries small and large ({a['queries']} / {b['queries']})",
                    a["queries"] == b["queries"],
                )
            )
        a, b = small_admin[ADMIN_LIST]["ms"], large_admin[ADMIN_LIST]["ms"]
        checks.append((f"{ADMIN_LIST}: large ≤ 2× small ({a:.0f} / {b:.0f} ms)", b <= 2 * a))
    for record, result in results.items():
        pages = result["pages"]
        search, archive = pages["search, uncached"]["p95"], pages["archive, uncached"]["p95"]
        checks.append(
            (
                f"{record}: search p95 within 3× of the uncached archive's "
                f"({search:.1f} / {archive:.1f} ms)",
                search <= 3 * archive,
            )
        )
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", default="small,large", help="small, large or both")
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep and reuse the large DB")
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per row")
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs per row, each framed by the static file"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument(
        "--worker-class", help="gunicorn's worker class (default: gunicorn.conf.py's)"
    )
    parser.add_argument("--no-redis", action="store_true", help="per-process cache only")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    stack.require("wrk", "psql")
    if not args.no_redis and not stack.redis_available():
        stack.log(f"Redis does not answer at {stack.REDIS}; using the per-process cache")
        args.no_redis = True

    started = time.monotonic()
    results = {}
    for record in args.records.split(","):
        results[record] = measure(record, args)
    print_table(results, args)
    print()
    checks = targets(results)
    for description, met in checks:
        print(f"{'PASS' if met else 'FAIL'}  {description}")
    met = sum(m for _, m in checks)
    print(f"\n{met}/{len(checks)} targets met in {time.monotonic() - started:.0f} s")
    if args.json:
        for result in results.values():
            for page in result["pages"].values():
                page.pop("output", None)
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)
    return 0 if all(m for _, m in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
