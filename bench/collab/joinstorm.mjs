#!/usr/bin/env node
// Join storm: many clients open a room with a long editing history at the same moment.
//
//   node bench/collab/joinstorm.mjs --url ws://127.0.0.1:PORT/collab --room <id> \
//        [--prior-edits 20000] [--clients 300] [--actor-param <API token>] [--processes K]
//        [--mode raw|provider] [--no-awareness] [--timeout 120] [--seed 1]
//
// 1. A writer (a WebsocketProvider) makes `--prior-edits` small edits to `description`, each its
//    own transaction and so its own update message: 85 % insert 1–4 letters at a random position,
//    15 % delete 1–3 characters (the text stays far below 100,000 characters). It sends them in
//    bursts of 200 per event-loop turn and keeps its connection open during the storm.
// 2. A checker connects, syncs, and is waited for until its text equals the writer's: then the
//    server has every edit. The checker leaves.
// 3. `--clients` clients (shared out among `--processes` worker processes) connect at the same
//    wall-clock moment. For each: time until its sync step 2 arrived ("synced"), and until it had
//    everything that makes the writer's text ("full"). Each client also sends an awareness state
//    (unless --no-awareness), as a browser would.
//    `--mode raw` (default): minimal protocol clients that record arrivals and check the received
//    state only after the storm (see rawClient), so the figures are the server's.
//    `--mode provider`: real WebsocketProviders; "full" is when `description` equals the writer's
//    text, which includes applying the state in the load generator (`client_apply_ms` each).
// Prints one JSON object: per-client p50/p95/p99/max of both times, the total (until the last
// client has the full text), failures (clients without the full text at `--timeout`), the size of
// the document's state and the time one client needs to apply it (the floor of what the load
// generator itself spends per client). Progress goes to stderr. Exit 0 when every client got the
// full text. Only loopback addresses are accepted.

import { fork } from 'node:child_process'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider, messageSync, messageAwareness } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { checkLoopbackUrl, now, sleep, positiveInt, positiveNumber, rng, summarize } from './common.mjs'

const FIELD = 'description'

const progress = (phase, extra = {}) => {
  process.stderr.write(JSON.stringify({ phase, t: Math.round(now()), ...extra }) + '\n')
}

const connect = (url, room, actor, { awareness = true, name = 'Gast' } = {}) => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket,
    disableBc: true,
    params: actor ? { token: actor } : {}  // the API token
  })
  if (awareness) {
    provider.awareness.setLocalState({ user: { name, color: '#3a7' }, cursor: { field: FIELD, index: 0 } })
  } else {
    provider.awareness.setLocalState(null)
  }
  return { doc, provider, text: doc.getText(FIELD) }
}

const whenSynced = (provider, timeoutMs) => new Promise((resolve, reject) => {
  if (provider.synced) return resolve()
  const timer = setTimeout(() => reject(new Error('no sync in time')), timeoutMs)
  provider.on('sync', (synced) => {
    if (synced) {
      clearTimeout(timer)
      resolve()
    }
  })
})

// --- worker: a share of the storm's clients --------------------------------------------------

// A `raw` storm client speaks the y-websocket protocol like the provider does on connect (sync
// step 1 with its empty state vector, its awareness state, a sync step 2 in answer to the server's
// step 1) but only records when sync payloads arrive and keeps them; they are applied and checked
// after the storm. So the figures are the server's, not the load generator's: a provider spends
// `client_apply_ms` of CPU per client on a large history, which for hundreds of clients in a few
// processes would dominate the measurement.
const rawClient = (url, room, actor, { awareness, name, startAt }) => {
  const client = { synced: null, last: null, payloads: [], closed: null }
  const target = url + '/' + encodeURIComponent(room) + (actor ? '?token=' + encodeURIComponent(actor) : '')
  const ws = new WebSocket(target, { perMessageDeflate: false })
  ws.binaryType = 'nodebuffer'
  const doc = new Y.Doc()
  const awarenessState = new awarenessProtocol.Awareness(doc)
  if (awareness) awarenessState.setLocalState({ user: { name, color: '#3a7' }, cursor: { field: FIELD, index: 0 } })
  ws.on('open', () => {
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, messageSync)
    syncProtocol.writeSyncStep1(step1, doc)
    ws.send(encoding.toUint8Array(step1))
    if (awareness) {
      const state = encoding.createEncoder()
      encoding.writeVarUint(state, messageAwareness)
      encoding.writeVarUint8Array(state, awarenessProtocol.encodeAwarenessUpdate(awarenessState, [doc.clientID]))
      ws.send(encoding.toUint8Array(state))
    }
  })
  ws.on('message', (data) => {
    const t = now() - startAt
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== messageSync) return // awareness of the others: not needed
    const kind = decoding.readVarUint(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const answer = encoding.createEncoder()
      encoding.writeVarUint(answer, messageSync)
      syncProtocol.writeSyncStep2(answer, doc, decoding.readVarUint8Array(decoder))
      ws.send(encoding.toUint8Array(answer))
      return
    }
    client.payloads.push(decoding.readVarUint8Array(decoder))
    client.last = t
    if (kind === syncProtocol.messageYjsSyncStep2 && client.synced === null) client.synced = t
  })
  ws.on('close', (code) => { client.closed = code })
  ws.on('error', () => {})
  client.close = () => { ws.terminate(); awarenessState.destroy(); doc.destroy() }
  return client
}

const runWorker = () => {
  process.setMaxListeners(0)
  process.on('message', async (message) => {
    if (message.type !== 'go') return
    const { url, room, actor, clients: count, expected, startAt, timeoutMs, awareness, offset, mode } = message
    await sleep(Math.max(0, startAt - now()))
    const clients = []
    for (let i = 0; i < count; i++) {
      const name = `Gast ${offset + i + 1}`
      if (mode === 'raw') {
        clients.push(rawClient(url, room, actor, { awareness, name, startAt }))
        continue
      }
      const client = connect(url, room, actor, { awareness, name })
      client.synced = null
      client.full = null
      const checkFull = () => {
        if (client.full === null && client.text.length === expected.length && client.text.toString() === expected) {
          client.full = now() - startAt
        }
      }
      client.provider.on('sync', (synced) => {
        if (synced && client.synced === null) client.synced = now() - startAt
        checkFull()
      })
      client.text.observe(checkFull)
      client.close = () => client.provider.destroy()
      clients.push(client)
    }
    const createdMs = now() - startAt
    const deadline = startAt + timeoutMs
    if (mode === 'raw') {
      // done when every client has its step 2 and nothing more came for a moment
      while (now() < deadline) {
        const t = now() - startAt
        if (clients.every((c) => c.synced !== null && t - c.last > 300)) break
        await sleep(20)
      }
      // check what arrived: identical payload sequences are checked once
      const verdicts = new Map()
      for (const client of clients) {
        if (client.synced === null) {
          client.full = null
          continue
        }
        const key = client.payloads.map((p) => p.length + ':' + Buffer.from(p).toString('base64')).join('|')
        let verdict = verdicts.get(key)
        if (verdict === undefined) {
          const doc = new Y.Doc()
          Y.transact(doc, () => { for (const p of client.payloads) Y.applyUpdate(doc, p) })
          verdict = doc.getText(FIELD).toString() === expected
          doc.destroy()
          verdicts.set(key, verdict)
        }
        client.full = verdict ? client.last : null
      }
    } else {
      while (clients.some((c) => c.full === null) && now() < deadline) await sleep(20)
    }
    process.send({
      type: 'result',
      created_ms: createdMs,
      synced: clients.map((c) => c.synced),
      full: clients.map((c) => c.full),
      closed: clients.filter((c) => c.closed !== null && c.closed !== undefined).length,
      rss_mb: process.memoryUsage().rss / 2 ** 20
    })
    for (const client of clients) client.close()
    setTimeout(() => process.exit(0), 200)
  })
  process.on('disconnect', () => process.exit(0))
  process.send({ type: 'ready' })
}

// --- parent ----------------------------------------------------------------------------------

const runParent = async () => {
  let values
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        room: { type: 'string' },
        'prior-edits': { type: 'string', default: '20000' },
        clients: { type: 'string', default: '300' },
        'actor-param': { type: 'string' },
        processes: { type: 'string' },
        'no-awareness': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '120' },
        seed: { type: 'string', default: '1' },
        mode: { type: 'string', default: 'raw' }
      }
    }))
  } catch (error) {
    process.stderr.write(error.message + '\n')
    process.exit(2)
  }
  let url, priorEdits, clientCount, timeoutMs, processes
  try {
    if (!values.url || !values.room) throw new Error('usage: joinstorm.mjs --url ws://127.0.0.1:PORT/collab --room ID [--prior-edits 20000] [--clients 300]')
    url = checkLoopbackUrl(values.url)
    priorEdits = Number(values['prior-edits'])
    if (!Number.isInteger(priorEdits) || priorEdits < 0) throw new Error('--prior-edits must be a non-negative integer')
    clientCount = positiveInt(values.clients, 'clients')
    timeoutMs = positiveNumber(values.timeout, 'timeout') * 1000
    if (!['raw', 'provider'].includes(values.mode)) throw new Error('--mode is raw or provider')
    processes = values.processes
      ? positiveInt(values.processes, 'processes')
      : Math.max(1, Math.min(os.availableParallelism(), Math.ceil(clientCount / 150)))
    processes = Math.min(processes, clientCount)
  } catch (error) {
    process.stderr.write(error.message + '\n')
    process.exit(2)
  }
  const actor = values['actor-param'] ?? null
  const room = values.room
  const random = rng(Number(values.seed) || 1)
  const failOut = (reason, extra = {}) => {
    process.stdout.write(JSON.stringify({ url, room, error: reason, ...extra }) + '\n')
    process.exit(1)
  }

  // 1. the writer's history
  progress('writer-connecting')
  const writer = connect(url, room, actor, { name: 'Schreiber' })
  try {
    await whenSynced(writer.provider, timeoutMs)
  } catch {
    failOut('the writer did not sync')
  }
  const initialLength = writer.text.length
  const letters = 'abcdefghijklmnopqrstuvwxyz äöü'
  const writeStart = now()
  progress('writing', { edits: priorEdits })
  for (let i = 0; i < priorEdits; i++) {
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
  const writeMs = now() - writeStart
  const expected = writer.text.toString()

  // 2. wait until the server has it all
  progress('checking', { length: expected.length })
  const checker = connect(url, room, actor, { awareness: false })
  const checkDeadline = now() + timeoutMs
  while (!(checker.provider.synced && checker.text.length === expected.length && checker.text.toString() === expected)) {
    if (now() > checkDeadline) failOut('the server did not reach the writer\'s text in time', { write_ms: writeMs })
    await sleep(50)
  }
  const serverCaughtUpMs = now() - writeStart
  checker.provider.destroy()
  checker.doc.destroy()

  const state = Y.encodeStateAsUpdate(writer.doc)
  const applyTimes = []
  for (let i = 0; i < 5; i++) {
    const doc = new Y.Doc()
    const t = now()
    Y.applyUpdate(doc, state)
    doc.getText(FIELD).toString()
    applyTimes.push(now() - t)
    doc.destroy()
  }
  await sleep(500)

  // 3. the storm: start the workers, then give them one common moment to connect at
  const script = fileURLToPath(import.meta.url)
  const workers = Array.from({ length: processes }, (_, w) => {
    const share = Math.floor(clientCount / processes) + (w < clientCount % processes ? 1 : 0)
    const offset = w * Math.floor(clientCount / processes) + Math.min(w, clientCount % processes)
    const child = fork(script, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const worker = { child, share, offset, result: null }
    worker.ready = new Promise((resolve) => {
      child.on('message', (message) => {
        if (message.type === 'ready') resolve()
        else if (message.type === 'result') worker.result = message
      })
    })
    worker.exited = new Promise((resolve) => child.on('exit', resolve))
    return worker
  })
  const readyInTime = await Promise.race([
    Promise.all(workers.map((w) => w.ready)).then(() => true),
    sleep(30000).then(() => false)
  ])
  if (!readyInTime) {
    for (const w of workers) w.child.kill('SIGKILL')
    failOut('the worker processes did not start')
  }
  const startAt = now() + 200
  progress('storm', { clients: clientCount, processes })
  for (const w of workers) {
    const killer = setTimeout(() => w.child.kill('SIGKILL'), timeoutMs + 30000)
    w.exited.then(() => clearTimeout(killer))
    w.child.send({
      type: 'go',
      url,
      room,
      actor,
      clients: w.share,
      offset: w.offset,
      expected,
      startAt,
      timeoutMs,
      mode: values.mode,
      awareness: !values['no-awareness']
    })
  }
  await Promise.all(workers.map((w) => w.exited))
  const results = workers.map((w) => w.result)
  writer.provider.destroy()
  progress('done')

  const synced = results.flatMap((r) => (r ? r.synced : []))
  const full = results.flatMap((r) => (r ? r.full : []))
  const failures = clientCount - full.filter((v) => v !== null).length
  const round = (x) => Math.round(x * 100) / 100
  const output = {
    url,
    room,
    prior_edits: priorEdits,
    clients: clientCount,
    processes,
    mode: values.mode,
    awareness: !values['no-awareness'],
    text_length: expected.length,
    initial_length: initialLength,
    state_bytes: state.length,
    write_ms: Math.round(writeMs),
    server_caught_up_ms: Math.round(serverCaughtUpMs),
    client_apply_ms: round(applyTimes.sort((a, b) => a - b)[2]),
    create_ms: round(Math.max(...results.map((r) => (r ? r.created_ms : NaN)))),
    synced_ms: summarize(synced),
    full_ms: summarize(full),
    total_ms: failures === 0 ? round(Math.max(...full)) : null,
    failures,
    closed_by_server: results.reduce((n, r) => n + (r ? r.closed : 0), 0),
    loadgen_rss_mb: results.map((r) => (r ? Math.round(r.rss_mb) : null))
  }
  process.stdout.write(JSON.stringify(output) + '\n')
  process.exit(failures === 0 ? 0 : 1)
}

if (process.argv.includes('--worker')) runWorker()
else runParent()
