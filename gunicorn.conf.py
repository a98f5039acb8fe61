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
# A worker being replaced (kill -HUP) finishes the requests it holds within this time.
graceful_timeout = 30
