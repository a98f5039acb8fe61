"""gunicorn's settings for the portal, read from the project folder when gunicorn starts.

The number of workers and the address are given on the command line (README, "Production").

Each worker serves requests in threads: a request that waits holds one thread, not a whole
worker. The archive search runs one search at a time in the database (``meetings.search``),
so a burst of searches waits its turn in threads while the other threads go on serving pages;
with one thread per worker, a few visitors searching at once would hold every worker and the
home page would wait behind them.
"""

worker_class = "gthread"
threads = 4
# One request per connection, as with sync workers. The portal runs behind a TLS proxy that
# keeps the visitors' connections; a connection kept open here would stay with the worker
# that accepted it, and a worker's threads share one interpreter lock: with kept-alive
# connections the benchmark's throughput swung by tens of per cent between runs and its p95
# doubled (docs/performance.md, 1 December 2026).
keepalive = 0
# A worker takes a connection only when one of its threads is free to serve it: the others
# wait in the kernel's queue for whichever worker frees a thread first, as with sync workers,
# instead of behind a slow page in the queue of the worker that happened to accept them.
worker_connections = threads
# A worker being replaced (kill -HUP) finishes the requests it holds within this time.
graceful_timeout = 30
