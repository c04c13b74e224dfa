"""The auditor's readers of the event store: what the auditor is told about a broken hash chain, and
the live proposal text step by step."""
