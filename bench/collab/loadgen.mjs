#!/usr/bin/env node
// Load generator for live editing: real y-websocket clients typing into `description`.
//
//   node bench/collab/loadgen.mjs --url ws://127.0.0.1:PORT/collab[,ws://127.0.0.1:PORT2/collab,…] \
//        --rooms id1,id2,… --clients 20 \
//        --rate 2 --seconds 60 --warmup 5 [--actor-param <API token>] [--processes K] [--quiesce 30]
//        [--awareness-per-edit] [--connect-timeout 120] [--protocol y-websocket|hocuspocus]
//        [--history-rooms K --prior-edits N] [--typing T]
//
// For every room, `--clients` WebsocketProviders (Node `ws` polyfill, BroadcastChannel off) connect
// to `<url>/<room>?token=<API token>`. When every client of every room has synced, all clients type for
// `--warmup` seconds (not measured) and then for `--seconds` seconds (measured): each inserts
// `--rate` tokens per second (timers jittered ±50 %, random phase) at a random token boundary of
// `description`. A token has a fixed length (10 characters, `[iii:ssss]`, client index and sequence
// number in base 36), so an edit is identified by its Yjs client id and clock: every client watches
// its document's transactions and records when each foreign edit arrives (per-receiver latency);
// an edit's latency is the time until the last other client of its room has it. Typing stops at
// the end, then the generator waits (at most `--quiesce` seconds) until every edit has reached every
// client, and checks that all clients of a room hold identical text.
//
// `--apply batched` (the default) keeps the load generator's own CPU cost per delivery low: each
// client still is a WebsocketProvider and speaks the protocol unchanged, but an incoming sync update
// is recorded as arrived when its frame is decoded (Y.parseUpdateMeta) and applied to the client's
// document together with the others in one transaction just before the client's next edit (and at
// the end). With `--apply immediate` every update is applied as it comes and an edit counts as
// arrived once it is integrated into the document (about three times the CPU per delivery: at
// 12 × 50 clients more than a 2-core machine has).
//
// Several comma-separated URLs (the processes of one cluster) split every room's clients over them:
// client i of a room connects to URL i mod n. Then the per-receiver latency is also reported
// separately for edits that came from a client on the same URL and on another one
// (`latency_receiver_same_ms`, `latency_receiver_cross_ms`).
//
// `--protocol hocuspocus` speaks Hocuspocus' protocol (every message prefixed with the document
// name, an auth message first, sync-status acknowledgements) through `@hocuspocus/provider`
// (HocuspocusProvider, one socket per client, the room's name as the document name) instead of
// y-websocket's WebsocketProvider; everything else (typing, measuring, batched applying) is the same.
//
// `--typing T`: only the first T clients of each room type, the others only read along (default 0:
// every client types).
//
// `--history-rooms K --prior-edits N`: before any client connects (a phase of its own: the parent
// waits until every worker has written its rooms), a writer client in each of the
// first K rooms makes N small edits (each its own update message, 85 % inserts of 1–4 letters,
// 15 % deletes of 1–3 characters, in bursts of 200 per event-loop turn), waits until a checker
// client that joins afterwards has the writer's text, and then stays connected, idle, for the whole
// run (it keeps a Hocuspocus room's document in memory; it drops what it receives unread). Latency
// and join time (from creating a client's provider until it synced) are then also reported for the
// rooms with history and the fresh ones separately (`history`).
//
// Rooms are shared out among `--processes` worker processes (a room always lives in one worker,
// so an edit's sender and receivers share a clock); the parent merges their histograms. Progress
// goes to stderr as JSON lines ({"phase": …}); the result is one JSON object on stdout. Exit code 0
// when every edit arrived everywhere and every room converged, 1 otherwise, 2 on a usage error.
// Only loopback addresses are accepted.

import { fork } from 'node:child_process'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider, messageSync, messageAwareness } from 'y-websocket'
import { HocuspocusProvider } from '@hocuspocus/provider'
import * as syncProtocol from 'y-protocols/sync'
import * as decoding from 'lib0/decoding'
import {
  Histogram, checkLoopbackUrl, now, sleep, positiveInt, positiveNumber, nonNegativeNumber, rng, summarize
} from './common.mjs'

const FIELD = 'description'
const TOKEN_LENGTH = 10 // '[' + 3 base-36 digits + ':' + 4 base-36 digits + ']'
const SEQ_SPACE = 2 ** 20 // key = clientID * SEQ_SPACE + seq stays below 2^53
const MAX_SEQ = 36 ** 4

const round2 = (x) => Math.round(x * 100) / 100

const token = (index, seq) => '[' + index.toString(36).padStart(3, '0') + ':' + seq.toString(36).padStart(4, '0') + ']'

const progress = (phase, extra = {}) => {
  process.stderr.write(JSON.stringify({ phase, t: Math.round(now()), ...extra }) + '\n')
}

// --- the two client protocols ----------------------------------------------------------------

const HOCUS_SYNC = 0
const HOCUS_AWARENESS = 1

/**
 * A provider of the chosen protocol, with what the load generator needs from it alike: `onSync`
 * (first sync), `onStatus`, the document update handler it registered (detached while applying
 * kept updates), and `intercept(handler)`: `handler(kind, decoder)` sees each incoming message first
 * (kind 'update' with the decoder at the update's payload, or 'awareness') and returns true when it
 * consumed it.
 */
const makeProvider = (protocol, url, name, doc, params) => {
  if (protocol === 'hocuspocus') {
    const provider = new HocuspocusProvider({ url, name, document: doc, WebSocketPolyfill: WebSocket, token: params.token ?? '' })
    return {
      provider,
      awareness: provider.awareness,
      updateHandler: () => provider.boundDocumentUpdateHandler,
      onSync: (f) => provider.on('synced', ({ state }) => f(state)),
      onStatus: (f) => provider.on('status', ({ status }) => f(status)),
      intercept: (handler) => {
        const original = provider.onMessage.bind(provider)
        provider.onMessage = (event) => {
          const decoder = decoding.createDecoder(new Uint8Array(event.data))
          decoding.readVarString(decoder)
          const type = decoding.readVarUint(decoder)
          if (type === HOCUS_SYNC && decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) {
            if (handler('update', decoder)) return
          } else if (type === HOCUS_AWARENESS) {
            handler('awareness', decoder)
          }
          original(event)
        }
      }
    }
  }
  const provider = new WebsocketProvider(url, name, doc, { WebSocketPolyfill: WebSocket, disableBc: true, params })
  return {
    provider,
    awareness: provider.awareness,
    updateHandler: () => provider._updateHandler,
    onSync: (f) => provider.on('sync', f),
    onStatus: (f) => provider.on('status', ({ status }) => f(status)),
    intercept: (handler) => {
      const sync = provider.messageHandlers[messageSync]
      provider.messageHandlers[messageSync] = (encoder, decoder, provider_, emitSynced, messageType) => {
        const position = decoder.pos
        if (decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate && handler('update', decoder)) return
        decoder.pos = position
        sync(encoder, decoder, provider_, emitSynced, messageType)
      }
      const aware = provider.messageHandlers[messageAwareness]
      provider.messageHandlers[messageAwareness] = (...args) => {
        handler('awareness', null)
        aware(...args)
      }
    }
  }
}

/** The rooms with history: a writer makes `edits` small edits, then stays, idle, dropping what it receives. */
const writeHistory = async (protocol, url, name, params, edits, timeoutMs) => {
  const connectClient = () => {
    const doc = new Y.Doc()
    const made = makeProvider(protocol, url, name, doc, params)
    let synced = false
    made.onSync((s) => { if (s) synced = true })
    made.awareness.setLocalState(null)
    return { doc, made, text: doc.getText(FIELD), isSynced: () => synced }
  }
  const waitUntil = async (predicate, what) => {
    const deadline = now() + timeoutMs
    while (!predicate()) {
      if (now() > deadline) throw new Error(`history of ${name}: ${what} not in time`)
      await sleep(20)
    }
  }
  const writer = connectClient()
  await waitUntil(writer.isSynced, 'writer sync')
  const random = rng(7)
  const letters = 'abcdefghijklmnopqrstuvwxyz äöü'
  const started = now()
  for (let i = 0; i < edits; i++) {
    const length = writer.text.length
    if (length > 3 && random() < 0.15) {
      const at = Math.floor(random() * (length - 1))
      writer.text.delete(at, Math.min(1 + Math.floor(random() * 3), length - at))
    } else {
      let piece = ''
      const n = 1 + Math.floor(random() * 4)
      for (let k = 0; k < n; k++) piece += letters[Math.floor(random() * letters.length)]
      writer.text.insert(Math.floor(random() * (length + 1)), piece)
    }
    if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve))
  }
  const expected = writer.text.toString()
  const checker = connectClient()
  await waitUntil(() => checker.isSynced() && checker.text.toString() === expected, 'checker has the text')
  const ms = now() - started
  checker.made.provider.destroy()
  checker.doc.destroy()
  writer.made.intercept((kind) => kind === 'update') // idle from now on: drop the others' edits unread
  return { writer, ms, length: expected.length }
}

// --- worker ----------------------------------------------------------------------------------

const runWorker = () => {
  process.setMaxListeners(0) // every provider adds an 'exit' listener
  /** @type {any} */
  let config = null
  const clients = []
  /** @type {Array<{name: string, clients: any[], sent: number, initialLength: number}>} */
  const rooms = []
  /** edit key → {t, remaining, measured} */
  const edits = new Map()
  const allHist = new Histogram()
  const recvHist = new Histogram()
  const sameHist = new Histogram() // receiver and sender on the same URL (server process)
  const crossHist = new Histogram() // on different URLs
  const historyHist = new Histogram() // edits in rooms with history (--history-rooms)
  const freshHist = new Histogram() // and in the fresh rooms beside them
  const joinMs = { history: [], fresh: [] } // per client: from creating its provider until it synced
  const histories = [] // the writers of the rooms with history: {room, ms, length}
  /** Yjs client id → the URL index its client connected to */
  const urlOf = new Map()
  let pending = 0
  let editsSent = 0
  let editsMeasured = 0
  let deliveriesInWindow = 0
  let awarenessInWindow = 0
  let disconnects = 0
  let timeline = null
  let stopped = false
  // the histogram counts the sampling interval itself: subtract it to get the lateness
  const LOOP_RESOLUTION_MS = 2
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  let cpuAtStart = null
  let cpuInWindow = null
  const startedAt = now()
  let syncedAt = null
  const keepAlive = [] // the idle writers of the rooms with history

  const send = (message) => process.send(message)

  // Count foreign edits [start, end) of one sender as arrived at `client`, each only once. A
  // sender's updates usually reach a client in order: below the clock `seen` (everything up to it
  // arrived) nothing is looked at again. Updates may also come out of order (a server process that
  // lost a write and had its clients reconnect, while the other process went on): an update beyond
  // a gap counts its edits without moving `seen`, and each edit remembers who has it.
  const markReceived = (client, senderId, start, end, t) => {
    const seen = client.seen.get(senderId) ?? 0
    if (end <= seen) return
    if (start <= seen) client.seen.set(senderId, end)
    if (start < seen) start = seen
    for (let seq = Math.ceil(start / TOKEN_LENGTH); seq < end / TOKEN_LENGTH; seq++) {
      const key = senderId * SEQ_SPACE + seq
      const edit = edits.get(key)
      if (edit === undefined || edit.got.has(client.index)) continue // not one of ours, or counted already
      edit.got.add(client.index)
      if (timeline !== null && t >= timeline.measureStart && t < timeline.measureEnd) deliveriesInWindow++
      if (edit.measured) {
        recvHist.add(t - edit.t)
        if (config.urls.length > 1) (urlOf.get(senderId) === client.urlIndex ? sameHist : crossHist).add(t - edit.t)
      }
      if (--edit.remaining === 0) {
        if (edit.measured) {
          allHist.add(t - edit.t)
          if (config.historyRooms.length > 0) (client.room.history ? historyHist : freshHist).add(t - edit.t)
        }
        edits.delete(key)
        pending--
      }
    }
  }

  // Edits integrated into a client's document (every update in `immediate` mode; in `batched`
  // mode only what came with a sync step 2, e.g. after a reconnect).
  const onTransaction = (client, transaction) => {
    if (transaction.local) return
    const t = now()
    const ownId = client.doc.clientID
    for (const [senderId, after] of transaction.afterState) {
      if (senderId === ownId) continue
      const before = transaction.beforeState.get(senderId) ?? 0
      if (after > before) markReceived(client, senderId, before, after, t)
    }
  }

  // `batched` mode: a sync update is recorded when its frame is decoded and kept; the client
  // applies what it kept in one transaction before its next edit and at the end.
  const interceptUpdates = (client) => {
    client.made.intercept((kind, decoder) => {
      if (kind === 'awareness') {
        if (timeline !== null) {
          const t = now()
          if (t >= timeline.measureStart && t < timeline.measureEnd) awarenessInWindow++
        }
        return false
      }
      if (!client.synced || config.apply !== 'batched') return false
      const update = decoding.readVarUint8Array(decoder)
      const t = now()
      const { from, to } = Y.parseUpdateMeta(update)
      let foreign = false
      for (const [senderId, start] of from) {
        if (senderId === client.doc.clientID) continue // the server echoing our own edit
        foreign = true
        markReceived(client, senderId, start, to.get(senderId), t)
      }
      if (foreign || to.size === 0) client.kept.push(update)
      return true
    })
  }

  // The provider ignores updates whose origin is itself, but while it listens Yjs still encodes
  // every transaction for it: detach it while applying what came from the server.
  const applyKept = (client) => {
    if (client.kept.length === 0) return
    const kept = client.kept
    client.kept = []
    const { doc, provider } = client
    const handler = client.made.updateHandler()
    doc.off('update', handler)
    try {
      Y.transact(doc, () => {
        for (const update of kept) Y.applyUpdate(doc, update, provider)
      }, provider)
    } finally {
      doc.on('update', handler)
    }
  }

  const checkSynced = () => {
    if (syncedAt !== null) return
    if (clients.every((c) => c.synced)) {
      syncedAt = now()
      for (const room of rooms) room.initialLength = room.clients[0].text.length
      send({ type: 'synced', ms: syncedAt - startedAt, histories })
    }
  }

  const type = (client) => {
    const room = client.room
    applyKept(client)
    const seq = client.seq++
    if (seq >= MAX_SEQ) return
    const text = client.text
    const boundaries = Math.floor(text.length / TOKEN_LENGTH)
    const position = TOKEN_LENGTH * Math.floor(Math.random() * (boundaries + 1))
    const t = now()
    const measured = t >= timeline.measureStart && t < timeline.measureEnd
    const others = room.clients.length - 1
    if (others > 0) {
      edits.set(client.doc.clientID * SEQ_SPACE + seq, { t, remaining: others, measured, got: new Set() })
      pending++
    }
    editsSent++
    room.sent++
    if (measured) editsMeasured++
    text.insert(position, token(client.index, seq))
    if (config.awarenessPerEdit) {
      client.made.awareness.setLocalStateField('cursor', { field: FIELD, index: position + TOKEN_LENGTH })
    }
  }

  const schedule = (client, at) => {
    if (stopped || at >= timeline.measureEnd) return
    setTimeout(() => {
      if (stopped) return
      type(client)
      schedule(client, at + client.interval * (0.5 + Math.random()))
    }, Math.max(0, at - now()))
  }

  // Phase 1 (only with --history-rooms): this worker's rooms with history are written, before any
  // client of any worker connects (the parent waits for every worker), so the join times of all
  // clients are measured alike, not behind the writers' flood of updates.
  const writeHistories = async (message) => {
    const params = message.actor ? { token: message.actor } : {} // the API token
    try {
      for (const name of message.rooms.filter((r) => message.historyRooms.includes(r))) {
        const history = await writeHistory(
          message.protocol, message.urls[0], name, params, message.priorEdits, message.connectTimeoutMs
        )
        histories.push({ room: name, write_and_check_ms: Math.round(history.ms), length: history.length })
        keepAlive.push(history.writer)
      }
    } catch (error) {
      send({ type: 'failed', reason: String(error.message ?? error) })
      return
    }
    send({ type: 'history-written' })
  }

  const start = async (message) => {
    config = message
    const params = message.actor ? { token: message.actor } : {} // the API token
    message.rooms.forEach((name, r) => {
      const room = { name, clients: [], sent: 0, initialLength: 0, history: message.historyRooms.includes(name) }
      rooms.push(room)
      for (let i = 0; i < message.clients; i++) {
        const doc = new Y.Doc()
        const urlIndex = i % message.urls.length
        urlOf.set(doc.clientID, urlIndex)
        const created = now()
        const made = makeProvider(message.protocol, message.urls[urlIndex], name, doc, params)
        const client = {
          index: i,
          urlIndex,
          room,
          doc,
          made,
          provider: made.provider,
          text: doc.getText(FIELD),
          seq: 0,
          synced: false,
          seen: new Map(),
          kept: [],
          interval: 1000 / message.rate,
          typing: message.typing === 0 || i < message.typing
        }
        made.awareness.setLocalState({
          user: { name: `Last ${r + 1}.${i + 1}`, color: '#' + ((r * 97 + i * 31) % 4096).toString(16).padStart(3, '0') },
          cursor: { field: FIELD, index: 0 }
        })
        made.onSync((synced) => {
          if (synced && !client.synced) {
            client.synced = true
            joinMs[room.history ? 'history' : 'fresh'].push(now() - created)
            checkSynced()
          }
        })
        made.onStatus((status) => {
          if (status === 'disconnected') disconnects++
        })
        doc.on('afterTransaction', (transaction) => onTransaction(client, transaction))
        interceptUpdates(client)
        room.clients.push(client)
        clients.push(client)
      }
    })
  }

  const go = async (message) => {
    timeline = message
    for (const client of clients) {
      if (client.typing) schedule(client, timeline.warmupStart + Math.random() * client.interval)
    }
    setTimeout(() => {
      cpuAtStart = process.cpuUsage()
      loopDelay.enable()
    }, Math.max(0, timeline.measureStart - now()))
    await sleep(Math.max(0, timeline.measureEnd - now()))
    cpuInWindow = process.cpuUsage(cpuAtStart ?? undefined)
    loopDelay.disable()
    stopped = true
    const quiesceStart = now()
    const quiesceUntil = quiesceStart + config.quiesceMs
    while (pending > 0 && now() < quiesceUntil) await sleep(50)
    const quiesceMs = now() - quiesceStart
    for (const client of clients) applyKept(client)
    const roomResults = rooms.map((room) => {
      const texts = room.clients.map((c) => c.text.toString())
      const converged = texts.every((text) => text === texts[0])
      const expectedLength = room.initialLength + TOKEN_LENGTH * room.sent
      return {
        room: room.name,
        converged,
        length: texts[0].length,
        expected_length: expectedLength,
        complete: texts.every((text) => text.length === expectedLength),
        edits_sent: room.sent,
        // each client's text length, by the URL (server process) it is connected to
        lengths_by_url: config.urls.map((_, u) => room.clients.filter((c) => c.urlIndex === u).map((c) => c.text.length))
      }
    })
    const windowMs = timeline.measureEnd - timeline.measureStart
    const cpuMs = cpuInWindow ? (cpuInWindow.user + cpuInWindow.system) / 1000 : null
    send({
      type: 'result',
      rooms: roomResults,
      edits_sent: editsSent,
      edits_measured: editsMeasured,
      deliveries_in_window: deliveriesInWindow,
      awareness_in_window: awarenessInWindow,
      lost_edits: pending,
      quiesce_ms: quiesceMs,
      disconnects,
      all: allHist.toJSON(),
      receiver: recvHist.toJSON(),
      same: sameHist.toJSON(),
      cross: crossHist.toJSON(),
      history: historyHist.toJSON(),
      fresh: freshHist.toJSON(),
      join_ms: joinMs,
      cpu_percent: cpuMs === null ? null : (100 * cpuMs) / windowMs,
      event_loop_delay_ms: {
        p50: Math.max(0, loopDelay.percentile(50) / 1e6 - LOOP_RESOLUTION_MS),
        p99: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
        max: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS)
      },
      rss_mb: process.memoryUsage().rss / 2 ** 20
    })
    for (const client of clients) client.provider.destroy()
    for (const writer of keepAlive) writer.made.provider.destroy()
    setTimeout(() => process.exit(0), 200)
  }

  process.on('message', (message) => {
    if (message.type === 'history') writeHistories(message)
    else if (message.type === 'start') start(message)
    else if (message.type === 'go') go(message)
    else if (message.type === 'stop') process.exit(0)
  })
  process.on('disconnect', () => process.exit(0))
}

// --- parent ----------------------------------------------------------------------------------

const usage = () => {
  process.stderr.write(
    'usage: loadgen.mjs --url ws://127.0.0.1:PORT[/collab][,ws://…] --rooms id1,id2,… --clients C [--rate 2] ' +
      '[--seconds 60] [--warmup 5] [--actor-param UUID] [--processes K] [--quiesce 30] ' +
      '[--apply batched|immediate] [--awareness-per-edit] [--connect-timeout 120] ' +
      '[--protocol y-websocket|hocuspocus] [--history-rooms K --prior-edits N]\n'
  )
  process.exit(2)
}

const runParent = async () => {
  let values
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        rooms: { type: 'string' },
        clients: { type: 'string', default: '5' },
        rate: { type: 'string', default: '2' },
        seconds: { type: 'string', default: '60' },
        warmup: { type: 'string', default: '5' },
        'actor-param': { type: 'string' },
        processes: { type: 'string' },
        quiesce: { type: 'string', default: '30' },
        'awareness-per-edit': { type: 'boolean', default: false },
        apply: { type: 'string', default: 'batched' },
        'connect-timeout': { type: 'string', default: '120' },
        protocol: { type: 'string', default: 'y-websocket' },
        'history-rooms': { type: 'string', default: '0' },
        'prior-edits': { type: 'string', default: '50000' },
        typing: { type: 'string', default: '0' }
      }
    }))
  } catch (error) {
    process.stderr.write(error.message + '\n')
    usage()
  }
  let urls, roomNames, clientsPerRoom, rate, seconds, warmup, quiesce, connectTimeout, processes
  let historyRooms, priorEdits, typing
  try {
    if (!values.url || !values.rooms) usage()
    urls = values.url.split(',').map((u) => checkLoopbackUrl(u.trim()))
    roomNames = values.rooms.split(',').map((r) => r.trim()).filter((r) => r !== '')
    if (roomNames.length === 0) throw new Error('--rooms names no room')
    clientsPerRoom = positiveInt(values.clients, 'clients')
    if (clientsPerRoom > 36 ** 3) throw new Error('--clients is at most 46656')
    rate = positiveNumber(values.rate, 'rate')
    seconds = positiveNumber(values.seconds, 'seconds')
    warmup = nonNegativeNumber(values.warmup, 'warmup')
    quiesce = nonNegativeNumber(values.quiesce, 'quiesce')
    connectTimeout = positiveNumber(values['connect-timeout'], 'connect-timeout')
    if (!['batched', 'immediate'].includes(values.apply)) throw new Error('--apply is batched or immediate')
    if (!['y-websocket', 'hocuspocus'].includes(values.protocol)) throw new Error('--protocol is y-websocket or hocuspocus')
    const historyCount = Number(values['history-rooms'])
    if (!Number.isInteger(historyCount) || historyCount < 0 || historyCount > roomNames.length) {
      throw new Error('--history-rooms must be an integer from 0 to the number of rooms')
    }
    historyRooms = roomNames.slice(0, historyCount)
    priorEdits = positiveInt(values['prior-edits'], 'prior-edits')
    typing = Number(values.typing)
    if (!Number.isInteger(typing) || typing < 0) throw new Error('--typing must be a non-negative integer')
    if (rate * (warmup + seconds) * 1.5 >= MAX_SEQ) throw new Error('too many edits per client for the token format')
    const total = roomNames.length * clientsPerRoom
    processes = values.processes
      ? positiveInt(values.processes, 'processes')
      : Math.max(1, Math.min(os.availableParallelism(), Math.ceil(total / 150)))
    processes = Math.min(processes, roomNames.length)
  } catch (error) {
    process.stderr.write(error.message + '\n')
    process.exit(2)
  }

  const script = fileURLToPath(import.meta.url)
  const workers = []
  for (let w = 0; w < processes; w++) {
    const rooms = roomNames.filter((_, r) => r % processes === w)
    const child = fork(script, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    workers.push({
      child, rooms, synced: null, result: null, exited: false, failed: null, histories: [], historyWritten: false
    })
  }
  const killAll = () => {
    for (const w of workers) if (!w.exited) w.child.kill('SIGKILL')
  }
  process.on('SIGTERM', () => { killAll(); process.exit(1) })
  process.on('SIGINT', () => { killAll(); process.exit(1) })

  let wake = null
  const changed = () => { if (wake) { const f = wake; wake = null; f() } }
  const waitFor = async (predicate, untilMs) => {
    while (!predicate()) {
      if (workers.some((w) => w.exited && w.result === null)) return false
      const left = untilMs - now()
      if (left <= 0) return false
      await Promise.race([new Promise((resolve) => { wake = resolve }), sleep(Math.min(left, 1000))])
    }
    return true
  }
  for (const w of workers) {
    w.child.on('message', (message) => {
      if (message.type === 'synced') {
        w.synced = message.ms
        w.histories = message.histories
      } else if (message.type === 'history-written') w.historyWritten = true
      else if (message.type === 'failed') w.failed = message.reason
      else if (message.type === 'result') w.result = message
      changed()
    })
    w.child.on('exit', () => { w.exited = true; changed() })
  }

  const config = {
    url: urls.join(','),
    rooms: roomNames.length,
    clients_per_room: clientsPerRoom,
    clients_total: roomNames.length * clientsPerRoom,
    rate,
    seconds,
    warmup,
    processes,
    apply: values.apply,
    awareness_per_edit: values['awareness-per-edit'],
    protocol: values.protocol,
    typing_per_room: typing === 0 ? clientsPerRoom : Math.min(typing, clientsPerRoom),
    history_rooms: historyRooms.length,
    prior_edits: historyRooms.length > 0 ? priorEdits : 0
  }
  const fail = (reason) => {
    killAll()
    process.stdout.write(JSON.stringify({ ...config, error: reason, convergence: false }) + '\n')
    process.exit(1)
  }

  const failed = () => workers.find((w) => w.failed !== null)
  let historyMs = null
  if (historyRooms.length > 0) { // phase 1: the rooms with history are written before anyone else connects
    const writing = now()
    progress('writing-history', { rooms: historyRooms.length, prior_edits: priorEdits })
    for (const w of workers) {
      w.child.send({
        type: 'history',
        urls,
        rooms: w.rooms,
        actor: values['actor-param'] ?? null,
        protocol: values.protocol,
        historyRooms,
        priorEdits,
        connectTimeoutMs: connectTimeout * 1000
      })
    }
    const written = await waitFor(
      () => workers.every((w) => w.historyWritten) || workers.some((w) => w.failed !== null),
      writing + connectTimeout * 1000
    )
    if (failed()) fail(failed().failed)
    if (!written) fail(`the rooms with history were not written within ${connectTimeout} s`)
    historyMs = now() - writing
    progress('history-written', { ms: Math.round(historyMs) })
  }

  const began = now()
  progress('connecting', { clients: config.clients_total, processes })
  for (const w of workers) {
    w.child.send({
      type: 'start',
      urls,
      rooms: w.rooms,
      clients: clientsPerRoom,
      rate,
      actor: values['actor-param'] ?? null,
      awarenessPerEdit: values['awareness-per-edit'],
      apply: values.apply,
      quiesceMs: quiesce * 1000,
      protocol: values.protocol,
      historyRooms,
      priorEdits,
      typing,
      connectTimeoutMs: connectTimeout * 1000
    })
  }
  const settled = await waitFor(
    () => workers.every((w) => w.synced !== null) || workers.some((w) => w.failed !== null),
    began + connectTimeout * 1000
  )
  if (failed()) fail(failed().failed)
  if (!settled) fail(`not every client synced within ${connectTimeout} s`)
  const connectMs = now() - began
  progress('synced', { ms: Math.round(connectMs) })

  const warmupStart = now() + 250
  const timeline = {
    type: 'go',
    warmupStart,
    measureStart: warmupStart + warmup * 1000,
    measureEnd: warmupStart + (warmup + seconds) * 1000
  }
  for (const w of workers) w.child.send(timeline)
  progress('warmup', { until: Math.round(timeline.measureStart) })
  setTimeout(() => progress('measure-start'), Math.max(0, timeline.measureStart - now()))
  setTimeout(() => progress('measure-end'), Math.max(0, timeline.measureEnd - now()))
  const deadline = timeline.measureEnd + quiesce * 1000 + 30000
  if (!(await waitFor(() => workers.every((w) => w.result !== null), deadline))) {
    fail('a worker did not report in time')
  }
  progress('done')

  const all = new Histogram()
  const receiver = new Histogram()
  const same = new Histogram()
  const cross = new Histogram()
  const historyHist = new Histogram()
  const freshHist = new Histogram()
  const results = workers.map((w) => w.result)
  for (const r of results) {
    all.merge(r.all)
    receiver.merge(r.receiver)
    same.merge(r.same)
    cross.merge(r.cross)
    historyHist.merge(r.history)
    freshHist.merge(r.fresh)
  }
  const joins = (group) => summarize(results.flatMap((r) => r.join_ms[group]))
  const sum = (key) => results.reduce((s, r) => s + r[key], 0)
  const rooms = results.flatMap((r) => r.rooms)
  const lost = sum('lost_edits')
  const convergence = rooms.every((r) => r.converged && r.complete) && lost === 0
  const output = {
    ...config,
    connect_ms: Math.round(connectMs),
    edits_sent: sum('edits_sent'),
    edits_measured: sum('edits_measured'),
    edits_planned: Math.round(roomNames.length * config.typing_per_room * rate * seconds),
    deliveries: sum('deliveries_in_window'),
    deliveries_per_s: Math.round(sum('deliveries_in_window') / seconds),
    awareness_messages_per_s: Math.round(sum('awareness_in_window') / seconds),
    latency_all_ms: all.summary(),
    latency_receiver_ms: receiver.summary(),
    ...(urls.length > 1 ? { latency_receiver_same_ms: same.summary(), latency_receiver_cross_ms: cross.summary() } : {}),
    join_ms: joins('fresh'),
    ...(historyRooms.length > 0
      ? {
          history: {
            rooms: historyRooms.length,
            prior_edits: priorEdits,
            writers: workers.flatMap((w) => w.histories),
            written_ms: Math.round(historyMs), // phase 1, all rooms with history, before anyone else connected
            latency_history_ms: historyHist.summary(),
            latency_fresh_ms: freshHist.summary(),
            join_history_ms: joins('history'),
            join_fresh_ms: joins('fresh')
          }
        }
      : {}),
    convergence,
    rooms_converged: rooms.filter((r) => r.converged && r.complete).length,
    lost_edits: lost,
    quiesce_ms: Math.round(Math.max(...results.map((r) => r.quiesce_ms))),
    disconnects: sum('disconnects'),
    loadgen: {
      cpu_percent: results.map((r) => (r.cpu_percent === null ? null : Math.round(r.cpu_percent))),
      event_loop_delay_p99_ms: round2(Math.max(...results.map((r) => r.event_loop_delay_ms.p99))),
      event_loop_delay_max_ms: round2(Math.max(...results.map((r) => r.event_loop_delay_ms.max))),
      rss_mb: results.map((r) => Math.round(r.rss_mb))
    },
    rooms_detail: rooms
  }
  process.stdout.write(JSON.stringify(output) + '\n')
  await sleep(300)
  killAll()
  process.exit(convergence ? 0 : 1)
}

if (process.argv.includes('--worker')) runWorker()
else runParent()
