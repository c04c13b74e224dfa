"""Prometheus metrics of live editing, in a registry per server (tests build many servers)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class CollabMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.rooms = Gauge("sk_collab_rooms", "Geladene Räume (Vorschlagsdokumente)", registry=r)
        self.connections = Gauge("sk_collab_connections", "Offene WebSocket-Verbindungen", registry=r)
        self.updates_received = Counter("sk_collab_updates_received", "Angenommene Aktualisierungen", registry=r)
        self.updates_refused = Counter(
            "sk_collab_updates_refused", "Abgelehnte Aktualisierungen (schreibgeschützt)", registry=r
        )
        self.updates_broadcast = Counter(
            "sk_collab_updates_broadcast", "An andere Clients gesendete Aktualisierungen", registry=r
        )
        self.batch_size = Histogram(
            "sk_collab_persist_batch_size",
            "Aktualisierungen je Speichervorgang",
            registry=r,
            buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512),
        )
        self.batch_seconds = Histogram(
            "sk_collab_persist_seconds",
            "Dauer eines Speichervorgangs",
            registry=r,
            buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0),
        )
        self.relay_seconds = Histogram(
            "sk_collab_relay_seconds",
            "Zeit vom Empfang einer Aktualisierung bis zum Versand an die anderen (Speichern eingeschlossen)",
            registry=r,
            buckets=(0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 1.0),
        )
        self.updates_invalid = Counter(
            "sk_collab_updates_invalid",
            "Zurückgewiesene Aktualisierungen (fehlerhaft, fremde Struktur oder zu groß)",
            registry=r,
        )
        self.room_failures = Counter(
            "sk_collab_room_failures",
            "Fehler in einem Raum (seine Verbindungen wurden zum Neuverbinden geschlossen)",
            registry=r,
        )
        self.write_retries = Counter(
            "sk_collab_write_retries", "Wiederholte Schreibvorgänge (ein anderer Prozess speicherte zuerst)", registry=r
        )
        self.writes_after_others = Counter(
            "sk_collab_writes_after_others",
            "Schreibvorgänge, deren Versionen nach Aktualisierungen anderer Prozesse vergeben wurden (kein Wettlauf)",
            registry=r,
        )
        self.updates_forwarded = Counter(
            "sk_collab_updates_forwarded",
            "An den speichernden Prozess des Verbunds weitergeleitete Aktualisierungen",
            registry=r,
        )
        self.forward_timeouts = Counter(
            "sk_collab_forward_timeouts",
            "Weitergeleitete Aktualisierungen, die nicht rechtzeitig gespeichert wurden (selbst gespeichert)",
            registry=r,
        )
        self.live_writer = Gauge(
            "sk_collab_live_writer",
            "1, solange dieser Prozess die Live-Aktualisierungen des Verbunds speichert",
            registry=r,
        )
        self.persistence_restarts = Counter(
            "sk_collab_persistence_restarts", "Neustarts der Speicherschleife nach einem Fehler", registry=r
        )
        self.persistence_running = Gauge(
            "sk_collab_persistence_running", "1, solange die Speicherschleife der Live-Räume läuft", registry=r
        )
        self.projection_lag = Gauge(
            "sk_projection_lag_events", "Rückstand der Projektionen", ["projection"], registry=r
        )
