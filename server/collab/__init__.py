"""Live co-editing of measure proposals over the Yjs (y-websocket) protocol.

The core (protocol, rooms, storage) knows no web framework; ``endpoint`` adapts
it to Starlette's WebSocket.
"""
