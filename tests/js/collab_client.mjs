#!/usr/bin/env node
// A real y-websocket client driven over stdin/stdout with JSON lines, for the Python integration
// tests of live editing.
//
//   node tests/js/collab_client.mjs --url ws://127.0.0.1:PORT/collab --room <measure id> \
//        --actor <person id> --token <API token> --name "Display Name" [--color "#rrggbb"] [--field description]
//
// It connects a y-websocket WebsocketProvider (URL `<url>/<room>?token=<API token>`) and sets the
// awareness local state {user: {name, color}, cursor: {field, index: 0}}.
//
// Commands (one JSON object per line on stdin):
//   {"cmd":"insert","field":"description","index":0,"text":"…"}
//   {"cmd":"delete","field":"description","index":0,"length":3}
//   {"cmd":"awareness","state":{…}}   top-level keys are merged into the local state
//                                     (a key set to null is removed); "state": null clears the
//                                     local state (the client leaves the awareness)
//   {"cmd":"dump"}                    → {"event":"dump","fields":{name: text, …},"awareness":[…],
//                                        "synced":bool,"connected":bool,"client_id":n}
//   {"cmd":"quit"}                    → closes the provider, prints "closed" (local: true), exits 0
// Any command may carry an "id"; then it is acknowledged with {"event":"ack","id":…,"cmd":…}
// after it was applied locally. A command that fails prints {"event":"error","id":…,"cmd":…,
// "message":…}. End of stdin acts like quit.
//
// Events (one JSON object per line on stdout):
//   {"event":"status","status":"connecting"|"connected"|"disconnected"}
//   {"event":"synced"}                        each time the provider reports sync (again after a reconnect)
//   {"event":"permission-denied","reason":…}  the server sent y-websocket's auth message
//                                            (type 2, subtype 0, varString reason)
//   {"event":"closed","code":…,"reason":…,"local":false,"reconnect":bool}  the server closed the socket
//       (or the connection failed: then code 1006); "reconnect" tells whether the provider will try
//       again: y-websocket 3.x stops for close codes 4400–4499 and retries for every other code
//   {"event":"error","message":…}             a connection error or a failed command

import { parseArgs } from 'node:util'
import readline from 'node:readline'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider, messageAuth } from 'y-websocket'
import * as authProtocol from 'y-protocols/auth'

export const FIELDS = [
  'title', 'description', 'goal', 'target_group', 'district', 'lead',
  'partners', 'timeframe', 'cost', 'funding', 'indicators'
]

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    room: { type: 'string' },
    actor: { type: 'string' },
    token: { type: 'string' },
    name: { type: 'string', default: 'Testperson' },
    color: { type: 'string' },
    field: { type: 'string', default: 'description' }
  }
})

const emit = (event) => {
  process.stdout.write(JSON.stringify(event) + '\n')
}

if (!args.url || !args.room) {
  process.stderr.write('usage: collab_client.mjs --url ws://127.0.0.1:PORT/collab --room ID --actor UUID --name NAME\n')
  process.exit(2)
}

const colorOf = (text) => {
  let hash = 0
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)) >>> 0
  return '#' + (hash & 0xffffff).toString(16).padStart(6, '0')
}

const doc = new Y.Doc()
for (const field of FIELDS) doc.getText(field)
const params = {}
if (args.token) params.token = args.token

const provider = new WebsocketProvider(args.url, args.room, doc, {
  connect: false,
  WebSocketPolyfill: WebSocket,
  params,
  disableBc: true
})

// y-websocket 3.x has no option for permission-denied: its auth handler only logs with
// console.warn. The handlers are copied per provider, so this provider gets its own.
provider.messageHandlers[messageAuth] = (_encoder, decoder, _provider) => {
  authProtocol.readAuthMessage(decoder, doc, (_ydoc, reason) => {
    emit({ event: 'permission-denied', reason })
  })
}

provider.on('status', ({ status }) => emit({ event: 'status', status }))
provider.on('sync', (synced) => {
  if (synced) emit({ event: 'synced' })
})
provider.on('connection-error', (event) => {
  emit({ event: 'error', message: String(event?.message ?? event?.error?.message ?? 'connection error') })
})
provider.on('connection-close', (event) => {
  if (event == null) return // closed locally (quit or the provider's own watchdog)
  const code = event.code ?? null
  emit({
    event: 'closed',
    code,
    reason: event.reason ?? '',
    local: false,
    reconnect: provider.shouldConnect && !(code >= 4400 && code < 4500)
  })
})

provider.awareness.setLocalState({
  user: { name: args.name, color: args.color ?? colorOf(args.actor ?? args.name) },
  cursor: { field: args.field, index: 0 }
})

const textOf = (field) => {
  if (typeof field !== 'string' || !FIELDS.includes(field)) {
    throw new Error(`unknown field ${JSON.stringify(field)}`)
  }
  return doc.getText(field)
}

const integer = (value, name) => {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`)
  return value
}

let quitting = false
const quit = () => {
  if (quitting) return
  quitting = true
  provider.destroy()
  emit({ event: 'closed', code: null, reason: 'quit', local: true, reconnect: false })
  process.exit(0)
}

const commands = {
  insert (command) {
    const text = textOf(command.field)
    if (typeof command.text !== 'string') throw new Error('text must be a string')
    const index = integer(command.index, 'index')
    if (index > text.length) throw new Error(`index ${index} beyond the text's length ${text.length}`)
    text.insert(index, command.text)
  },
  delete (command) {
    const text = textOf(command.field)
    const index = integer(command.index, 'index')
    const length = integer(command.length ?? 1, 'length')
    if (index + length > text.length) throw new Error(`range ${index}+${length} beyond the text's length ${text.length}`)
    text.delete(index, length)
  },
  awareness (command) {
    if (command.state === null) {
      provider.awareness.setLocalState(null)
      return
    }
    if (typeof command.state !== 'object' || Array.isArray(command.state)) throw new Error('state must be an object or null')
    const state = { ...(provider.awareness.getLocalState() ?? {}) }
    for (const [key, value] of Object.entries(command.state)) {
      if (value === null) delete state[key]
      else state[key] = value
    }
    provider.awareness.setLocalState(state)
  },
  dump () {
    const fields = {}
    for (const field of FIELDS) fields[field] = doc.getText(field).toString()
    const awareness = []
    for (const [clientId, state] of provider.awareness.getStates()) {
      if (clientId !== doc.clientID) awareness.push(state)
    }
    emit({
      event: 'dump',
      fields,
      awareness,
      synced: provider.synced,
      connected: provider.wsconnected,
      client_id: doc.clientID
    })
  },
  quit
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
lines.on('line', (line) => {
  if (line.trim() === '') return
  let command
  try {
    command = JSON.parse(line)
  } catch (error) {
    emit({ event: 'error', message: `not JSON: ${error.message}` })
    return
  }
  const id = command?.id
  const handler = Object.hasOwn(commands, command?.cmd) ? commands[command.cmd] : undefined
  if (handler === undefined) {
    emit({ event: 'error', id, cmd: command?.cmd, message: `unknown command ${JSON.stringify(command?.cmd)}` })
    return
  }
  try {
    handler(command)
    if (id !== undefined) emit({ event: 'ack', id, cmd: command.cmd })
  } catch (error) {
    emit({ event: 'error', id, cmd: command.cmd, message: error.message })
  }
})
lines.on('close', quit)
process.on('SIGTERM', quit)

provider.connect()
