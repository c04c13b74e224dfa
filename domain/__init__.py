"""The domain core: conferences, working groups and measures as event-sourced aggregates.

Imports nothing but the standard library and ``eventsourcing``.
"""
