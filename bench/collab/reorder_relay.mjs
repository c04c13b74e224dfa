#!/usr/bin/env node
// The null relay (null_relay.mjs) with updates out of order, for the load generator's own test:
// every third update of a connection is held back and sent after that connection's next update
// (or after 200 ms), so receivers see a sender's edits with a gap that is filled later, as when a
// server process lost a write and its clients sent their edits again.
//
//   node bench/collab/reorder_relay.mjs --port 1234

import { WebSocketServer } from 'ws'
import { serve } from './serve.mjs'

const SYNC = 0
const STEP1 = 0
const EMPTY_STEP2 = Buffer.from([SYNC, 1, 2, 0, 0])
const HOLD_EVERY = 3
const HOLD_MS = 200

/** room name → set of sockets */
const rooms = new Map()
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })

wss.on('connection', (ws, request) => {
  const name = (request.url ?? '/').slice(1).split('?')[0]
  if (!rooms.has(name)) rooms.set(name, new Set())
  const room = rooms.get(name)
  room.add(ws)
  ws.binaryType = 'nodebuffer'
  let count = 0
  let held = null
  const toOthers = (message) => {
    for (const other of room) if (other !== ws) other.send(message)
  }
  const release = () => {
    if (held === null) return
    clearTimeout(held.timer)
    const message = held.message
    held = null
    toOthers(message)
  }
  ws.on('message', (data, isBinary) => {
    if (!isBinary || data.length < 2 || data[0] !== SYNC) return
    if (data[1] === STEP1) {
      ws.send(EMPTY_STEP2)
      return
    }
    const message = data[1] === 2 ? data : Buffer.concat([Buffer.from([SYNC, 2]), data.subarray(2)])
    if (held === null && ++count % HOLD_EVERY === 0) {
      held = { message, timer: setTimeout(release, HOLD_MS) }
      return
    }
    toOthers(message)
    release()
  })
  ws.on('close', () => {
    release()
    room.delete(ws)
  })
})
serve(wss)
