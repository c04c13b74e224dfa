#!/usr/bin/env node
// The floor of the live-editing benchmark: a relay that does the least a y-websocket server can.
//
//   node bench/collab/null_relay.mjs --port 1234
//
// Not a Yjs server: it keeps no document, integrates nothing and stores nothing. A client's sync
// step 1 is answered with an empty sync step 2 (the benchmark's rooms start empty and every client
// joins before anyone types), every update is sent on, byte for byte, to the room's other
// clients, and awareness messages are dropped. Whatever latency the load generator measures
// against it is the load generator's, the operating system's and Node's `ws`: no real server can be
// faster on the same machine. Same HTTP readiness answer and start-up line as reference_server.mjs.

import { WebSocketServer } from 'ws'
import { serve } from './serve.mjs'

const SYNC = 0
const STEP1 = 0
const EMPTY_STEP2 = Buffer.from([SYNC, 1, 2, 0, 0]) // sync, step 2, an update of 2 bytes: no structs, no deletes

/** room name → set of sockets */
const rooms = new Map()

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })

wss.on('connection', (ws, request) => {
  const name = (request.url ?? '/').slice(1).split('?')[0]
  let room = rooms.get(name)
  if (room === undefined) {
    room = new Set()
    rooms.set(name, room)
  }
  room.add(ws)
  ws.binaryType = 'nodebuffer'
  ws.on('message', (data, isBinary) => {
    if (!isBinary || data.length < 2 || data[0] !== SYNC) return // awareness and anything else: dropped
    if (data[1] === STEP1) {
      ws.send(EMPTY_STEP2)
      return
    }
    // step 2 or update: on to the others as an update (same payload, message type 2)
    const message = data[1] === 2 ? data : Buffer.concat([Buffer.from([SYNC, 2]), data.subarray(2)])
    for (const other of room) if (other !== ws) other.send(message)
  })
  ws.on('close', () => {
    room.delete(ws)
  })
})
serve(wss)
