"""Read models filled from the event store, and the personal-data table."""
