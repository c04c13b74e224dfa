"""What crosses server processes: several processes on one PostgreSQL database, joined by Redis.

- ``broker``: typed messages over Redis publish/subscribe, namespaced, with gap notices and metrics.
- ``locks``: PostgreSQL advisory locks: the server guard (alone without a broker), the start-up
  lock, the projections' lease.
- ``registry``: the live processes (heartbeat keys) and the per-person connection counter.
- ``relays``: view changes and access changes carried to the other processes.
- ``throttle``: the sign-in pause shared by all processes.
- ``startup``: refusals before the start, ``--workers``.
- ``wiring``: one process's part in the cluster, made in the app's lifespan.
"""
