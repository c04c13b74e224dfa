#!/usr/bin/env node
// Hocuspocus as a reference for the live-editing benchmark: `@hocuspocus/server` (version pinned in
// package.json), documents in memory only, no extensions (no persistence, no auth, no logger),
// bound to 127.0.0.1. Its WebSocket server (crossws over `ws`) runs with permessage-deflate off,
// as the other Node servers here.
//
//   node bench/collab/hocuspocus_server.mjs --port 1234 [--host 127.0.0.1]
//
// A document's name is what the client's provider sends (`@hocuspocus/provider` puts it into every
// message; the load generator uses the room id). A plain HTTP GET answers 200 (Hocuspocus's own
// "Welcome to Hocuspocus!", used as the readiness check). On start it prints one JSON line
// `{"event":"listening","port":N}` to stdout; SIGTERM or SIGINT stop it.

import { parseArgs } from 'node:util'
import { Server } from '@hocuspocus/server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '1234' },
    host: { type: 'string', default: '127.0.0.1' }
  }
})

const server = new Server({
  port: Number(values.port),
  address: values.host,
  quiet: true,
  extensions: [],
  stopOnSignals: false,
  websocketOptions: { perMessageDeflate: false }
})

await server.listen()
process.stdout.write(JSON.stringify({ event: 'listening', host: values.host, port: Number(values.port) }) + '\n')

const stop = async () => {
  setTimeout(() => process.exit(0), 1000).unref()
  try {
    await server.destroy()
  } finally {
    process.exit(0)
  }
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
