#!/usr/bin/env node
// The reference y-websocket server for the live-editing benchmark: @y/websocket-server's
// setupWSConnection, documents in memory only (no persistence, no callback), Node `ws` with
// permessage-deflate off (its default), bound to 127.0.0.1.
//
//   node bench/collab/reference_server.mjs --port 1234
//
// Any path is a room: the document name is the path without the leading slash and without the
// query string (so `/collab/<id>?actor=…` is the document `collab/<id>`), as upstream does.
// A plain HTTP GET answers 200 "okay" (used as the readiness check). On start it prints one JSON
// line `{"event":"listening","port":N}` to stdout; SIGTERM or SIGINT stop it.

import { WebSocketServer } from 'ws'
import { setupWSConnection, getPersistence, docs } from '@y/websocket-server/utils'
import { serve } from './serve.mjs'

if (process.env.YPERSISTENCE !== undefined || getPersistence() !== null) {
  console.error('reference_server: YPERSISTENCE is set; the benchmark runs the reference in memory only')
  process.exit(2)
}
if (process.env.CALLBACK_URL !== undefined) {
  console.error('reference_server: CALLBACK_URL is set; unset it for the benchmark')
  process.exit(2)
}

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
wss.on('connection', setupWSConnection)
serve(wss)

process.on('SIGUSR2', () => {
  // a small status report on demand: rooms and connections
  const rooms = {}
  for (const [name, doc] of docs) rooms[name] = doc.conns.size
  process.stderr.write(JSON.stringify({ event: 'status', rooms }) + '\n')
})
