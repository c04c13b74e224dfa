"""The hash chain's integrity: what the auditor is told about a broken chain."""
