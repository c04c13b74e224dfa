"""The auditor's readers of the event store (the hash chain's pieces move here as issues touch them)."""
