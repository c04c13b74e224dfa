"""The Starlette server, the command line, and the composition root."""
