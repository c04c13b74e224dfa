"""What leaves the building: printed documents (PDF) typeset with Typst."""
