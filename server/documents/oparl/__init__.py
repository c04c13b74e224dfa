"""OParl 1.1, read-only: the conferences, committees, papers and decisions for council information systems."""
