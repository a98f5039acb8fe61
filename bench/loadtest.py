"""Load without loss: 60 s at 50 connections, with a graceful gunicorn reload in the middle.

    .venv/bin/python bench/loadtest.py [--duration 60] [--connections 50] [--reload-at 30]

Sets up the record in a PostgreSQL database of its own (almaty_bench_load; ``--database``
to use another, e.g. almaty_bench_large kept by ``benchmark.py --reuse``, which it then
leaves in place), runs gunicorn with DEBUG off, and drives it with wrk over a mix of pages in
both languages, the feed, the concept-note PDF and a static file, counting every response's
status. Half-way through it sends SIGHUP to the gunicorn master: new workers start and the
old ones finish the requests they hold. It passes when every response is 2xx or 3xx and
wrk saw no socket error (connect, read, write or timeout) — so no request was dropped — and
the workers were indeed replaced.
"""

import argparse
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reload-at", type=float, help="seconds in (default: half-way)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default="almaty_bench_load")
    parser.add_argument("--no-redis", action="store_true")
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
            log_tail = server.log_tail()
        if own_database:
            stack.drop_database(args.database)

    statuses = {int(k): v for k, v in result["statuses"].items()}
    bad = {status: n for status, n in statuses.items() if not 200 <= status < 400}
    replaced = reloaded.is_set() and not set(before) & set(after) and len(after) == args.workers
    print(result["output"].split("WRKJSON")[0].rstrip())
    print()
    print(f"Machine: {stack.machine()}")
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
    for description, met in checks:
        print(f"{'PASS' if met else 'FAIL'}  {description}")
    if not all(met for _, met in checks):
        print("\ngunicorn log (last lines):\n" + log_tail)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
