"""Load without loss: 60 s at 50 connections, with a graceful gunicorn reload in the middle.

    .venv/bin/python bench/loadtest.py [--duration 60] [--connections 50] [--reload-at 30]

Sets up the record in a PostgreSQL database of its own (almaty_bench_load; ``--database``
to use another, e.g. almaty_bench_large kept by ``benchmark.py --reuse``, which it then
leaves in place), runs gunicorn with DEBUG off and the project's ``gunicorn.conf.py`` (as in
production), and drives it with wrk over a mix of pages in
both languages, the feed, the concept-note PDF and a static file, counting every response's
status. Half-way through it sends SIGHUP to the gunicorn master: new workers start and the
old ones finish the requests they hold. It passes when every response is 2xx or 3xx and
wrk saw no socket error (connect, read, write or timeout) — so no request was dropped — and
the workers were indeed replaced.

Then the search phase (``--search-seconds``, 10 by default; 0 skips it), meant for the large
record (``--database almaty_bench_large``): the home page alone at 8 connections, then the
home page again while 8 more connections send random archive searches in both languages,
each with a new query string so that no page cache answers. It passes when the home page
keeps at least half its throughput and no request of either fails.
"""

import argparse
import random
import sys
import threading
import time

import stack

PATHS = [
    "/en/",
    "/ru/",
    "/en/meetings/",
    "/ru/meetings/?year=2023",
    "/en/meetings/2023/8th-som/",
    "/ru/meetings/2023/8th-som/",
    "/en/meetings/feed/",
    "/en/meetings/2023/8th-som/concept-note.pdf",
    "/en/members/",
    "/en/chairmanship/",
]


SEARCH_CONNECTIONS = 8


def random_searches(count=60, seed=19):
    """Searches of one or two words (or a phrase) from the benchmark's list, in random order."""
    rng = random.Random(seed)  # noqa: S311 - a fixed mix of searches, not a secret
    paths = []
    for _ in range(count):
        language = rng.choice(["en", "ru"])
        words = [w for lang, w in stack.SEARCH_WORDS if lang == language]
        paths.append(stack.search_path(language, " ".join(rng.sample(words, rng.randint(1, 2)))))
    return paths


def search_phase(server, seconds):
    """The home page alone, then while 8 connections search: (alone, during, searches)."""
    home = server.base_url + "/en/"

    def measure_home():
        return stack.wrk(
            home, duration=seconds, connections=SEARCH_CONNECTIONS, threads=1, args=["--count"]
        )

    stack.log(f"search phase: home page alone, {seconds} s")
    alone = measure_home()
    searches = {}

    def search():
        searches.update(
            stack.wrk(
                server.base_url + "/en/meetings/",
                duration=seconds + 2,
                connections=SEARCH_CONNECTIONS,
                threads=1,
                args=["--bust", "--count", *random_searches()],
            )
        )

    stack.log(f"search phase: home page while {SEARCH_CONNECTIONS} connections search")
    searcher = threading.Thread(target=search)
    searcher.start()
    time.sleep(1)
    during = measure_home()
    searcher.join()
    return alone, during, searches


def failures(result):
    """Responses outside 2xx/3xx and socket errors of a wrk run with --count."""
    statuses = {int(k): v for k, v in result["statuses"].items()}
    bad = sum(n for status, n in statuses.items() if not 200 <= status < 400)
    return bad + result["socket_errors"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reload-at", type=float, help="seconds in (default: half-way)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default="almaty_bench_load")
    parser.add_argument("--no-redis", action="store_true")
    parser.add_argument(
        "--search-seconds", type=int, default=10, help="length of the search phase (0: none)"
    )
    args = parser.parse_args()
    stack.require("wrk", "psql")
    reload_at = args.reload_at if args.reload_at is not None else args.duration / 2
    use_redis = not args.no_redis and stack.redis_available()
    own_database = args.database == "almaty_bench_load"

    with stack.site(args.database, use_redis=use_redis) as site:
        if own_database:
            stack.prepare(site)
        else:
            site.manage("migrate", "--no-input")
        stack.collectstatic(site)
        static = site.python("probe.py", "--static-url")["static_url"]
        with stack.Gunicorn(site, workers=args.workers) as server:
            # Once per path first: the concept note is printed on its first request, and a
            # real deployment has printed it long before.
            server.warm_up([*PATHS, static] * args.workers)
            before = server.worker_pids()
            reloaded = threading.Event()

            def reload():
                stack.log(f"SIGHUP to gunicorn master {server.process.pid}")
                server.reload()
                reloaded.set()

            timer = threading.Timer(reload_at, reload)
            stack.log(
                f"wrk {args.duration} s, {args.connections} connections, "
                f"reload after {reload_at:.0f} s"
            )
            timer.start()
            try:
                result = stack.wrk(
                    server.base_url + "/en/",
                    duration=args.duration,
                    connections=args.connections,
                    threads=args.threads,
                    args=[*PATHS, static, "--count"],
                )
            finally:
                timer.cancel()
            # The new workers have had the rest of the run to start.
            time.sleep(1)
            after = server.worker_pids()
            phase = search_phase(server, args.search_seconds) if args.search_seconds else None
            log_tail = server.log_tail()
        if own_database:
            stack.drop_database(args.database)

    statuses = {int(k): v for k, v in result["statuses"].items()}
    bad = {status: n for status, n in statuses.items() if not 200 <= status < 400}
    replaced = reloaded.is_set() and not set(before) & set(after) and len(after) == args.workers
    print(result["output"].split("WRKJSON")[0].rstrip())
    print()
    print(f"Machine: {stack.machine()}")
    print(f"gunicorn {args.workers} workers, {stack.production_workers()}")
    print(
        f"{result['requests']} requests in {result['duration_us'] / 1e6:.1f} s "
        f"({result['rps']:.0f}/s), {args.connections} connections, "
        f"p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, max {result['max']:.0f} ms"
    )
    print("Responses by status: " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    print(
        f"Socket errors: connect {result['connect']}, read {result['read']}, "
        f"write {result['write']}, timeout {result['timeout']}"
    )
    print(f"Workers before the reload {before}, after {after}")
    checks = [
        ("every response 2xx or 3xx", not bad and result["status"] == 0),
        ("no socket errors", result["socket_errors"] == 0),
        ("every response counted", sum(statuses.values()) == result["requests"]),
        ("graceful reload replaced every worker", replaced),
        (f"ran at least {args.duration} s", result["duration_us"] >= args.duration * 1e6 * 0.99),
    ]
    if phase:
        alone, during, searches = phase
        kept = during["rps"] / max(alone["rps"], 1e-9)
        print(
            f"Search phase: home page {alone['rps']:.0f}/s alone, {during['rps']:.0f}/s while "
            f"{SEARCH_CONNECTIONS} connections searched ({searches['rps']:.1f} searches/s, "
            f"p50 {searches['p50']:.0f} ms, p99 {searches['p99']:.0f} ms)"
        )
        checks += [
            (f"search phase: home page kept ≥ 50% of its throughput ({kept:.0%})", kept >= 0.5),
            ("search phase: no home page request failed", failures(alone) + failures(during) == 0),
            ("search phase: no search failed", failures(searches) == 0),
        ]
    for description, met in checks:
        print(f"{'PASS' if met else 'FAIL'}  {description}")
    if not all(met for _, met in checks):
        print("\ngunicorn log (last lines):\n" + log_tail)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
