"""Django's Redis cache backend, with one redis-py client per connection pool, and notices.

Django builds a new ``redis.Redis`` client for every cache call, and building one costs about
as much as a round trip to Redis on the same machine: it doubled the cost of a page served
from the cache. A client holds no connection of its own (it borrows one from its pool for
each command) and is safe to share between threads, so each pool's client is built once.

The backend also passes notices between app servers over Redis's publish/subscribe on the
primary server (``publish`` and ``pubsub``): ``meetings.caching.VersionWatch`` uses them so
that no request has to read the content version from Redis.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def publish(self, channel, message=b""):
        """Tell every subscriber of ``channel``; the number that heard it."""
        return self._cache.get_client(write=True).publish(channel, message)

    def pubsub(self):
        """A redis-py ``PubSub`` on the primary server (a connection of its own)."""
        return self._cache.get_client(write=True).pubsub()
