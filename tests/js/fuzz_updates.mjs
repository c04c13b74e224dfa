#!/usr/bin/env node
// Yjs updates written by the real yjs library from random edits, for the live-editing fuzzer
// (tests/fuzz/generators.py mutates them and sends them to a live server).
//
//   node tests/js/fuzz_updates.mjs --seed 42 --count 200 --base <base64 update>
//
// Each document starts from --base (the proposal's seed, as the server builds it), gets a random
// client id of its own (small, 32-bit, up to 2^53 - 1) and a few random edits: inserts, deletes and formatting
// in the proposal's text fields, embeds, other root types, maps, arrays and nested types (text in
// a map, arrays in arrays, XML). Every update the document emits is printed as one JSON line
// {"update": base64, "client": id, "ops": [...]} (the ops say what the update came
// from, roughly: an op is noted when it ends), --count lines in all. The same
// seed gives the same lines.

import { parseArgs } from 'node:util'
import * as Y from 'yjs'

const FIELDS = [
  'title', 'description', 'goal', 'target_group', 'district', 'lead',
  'partners', 'timeframe', 'cost', 'funding', 'indicators'
]
const OTHER_ROOTS = ['zzz_hidden', 'farbe', '', 'title ', '__proto__', 'ä'.repeat(40)]
const WORDS = [' Straße', 'ß', ' 😀', '\u202e', ' Kinder', '\n', 'x', '€', '\u0000']

const { values: args } = parseArgs({
  options: { seed: { type: 'string', default: '1' }, count: { type: 'string', default: '100' }, base: { type: 'string', default: '' } }
})

let state = (Number(args.seed) >>> 0) || 1 // xorshift32: deterministic per seed
const next = () => {
  state ^= state << 13; state >>>= 0
  state ^= state >>> 17
  state ^= state << 5; state >>>= 0
  return state / 4294967296
}
const int = (n) => Math.floor(next() * n)
const pick = (items) => items[int(items.length)]
const word = () => Array.from({ length: 1 + int(3) }, () => pick(WORDS)).join('')
const base = args.base ? Uint8Array.from(Buffer.from(args.base, 'base64')) : null

const value = (depth = 0) => {
  const kind = int(depth > 2 ? 5 : 8)
  if (kind === 0) return null
  if (kind === 1) return next() < 0.5
  if (kind === 2) return int(2 ** 31) - 2 ** 30
  if (kind === 3) return next() * 1e6
  if (kind === 4) return word()
  if (kind === 5) return new Uint8Array([int(256), int(256)])
  if (kind === 6) return Array.from({ length: int(3) }, () => value(depth + 1))
  return { [word()]: value(depth + 1) }
}

const nested = (depth = 0) => {
  const kind = int(depth > 3 ? 2 : 6)
  if (kind === 0) { const t = new Y.Text(); t.insert(0, word()); return t }
  if (kind === 1) return value(depth)
  if (kind === 2) { const m = new Y.Map(); m.set(word(), nested(depth + 1)); return m }
  if (kind === 3) { const a = new Y.Array(); a.push([nested(depth + 1)]); return a }
  if (kind === 4) { const x = new Y.XmlElement('p'); x.insert(0, [new Y.XmlText(word())]); return x }
  const t = new Y.Text(); t.insert(0, word(), { bold: true }); return t
}

const textEdit = (text, ops) => {
  const length = text.length
  const kind = int(6)
  if (kind === 0 || length === 0) {
    const index = int(length + 1); const w = word()
    text.insert(index, w, next() < 0.3 ? { bold: true, link: word() } : undefined)
    ops.push(['insert', index, w])
  } else if (kind === 1) {
    const index = int(length); const count = 1 + int(length - index)
    text.delete(index, count); ops.push(['delete', index, count])
  } else if (kind === 2) {
    const index = int(length); const count = 1 + int(length - index)
    text.format(index, count, { [pick(['bold', 'italic', 'header', word()])]: value(2) }); ops.push(['format', index, count])
  } else if (kind === 3) {
    const index = int(length + 1); text.insertEmbed(index, { image: word() }); ops.push(['embed', index])
  } else if (kind === 4) {
    const index = int(length + 1); text.insertEmbed(index, nested(1)); ops.push(['embed-type', index])
  } else {
    text.applyDelta([{ retain: int(length + 1) }, { insert: word(), attributes: { italic: true } }]); ops.push(['delta'])
  }
}

const edit = (doc, ops) => {
  const kind = int(10)
  if (kind < 6) return textEdit(doc.getText(pick(FIELDS)), ops)
  const root = pick(OTHER_ROOTS)
  if (kind === 6) {
    doc.getMap(root).set(word(), nested()); ops.push(['map', root])
  } else if (kind === 7) {
    doc.getArray(root).push([nested()]); ops.push(['array', root])
  } else if (kind === 8) {
    doc.getXmlFragment(root).insert(0, [new Y.XmlElement('div')]); ops.push(['xml', root])
  } else {
    textEdit(doc.getText(root), ops); ops.push(['other-text', root])
  }
}

const count = Number(args.count)
let printed = 0
const used = new Set()
while (printed < count) {
  const doc = new Y.Doc()
  let client
  do client = pick([2 + int(1000), 2 + int(2 ** 31), 2 ** 53 - 1 - int(1000)]); while (used.has(client))
  used.add(client) // one document per client id: the same clocks never hold other content
  doc.clientID = client
  for (const field of FIELDS) doc.getText(field)
  if (base) Y.applyUpdate(doc, base)
  const ops = []
  doc.on('update', (update) => {
    if (printed < count) {
      const line = { update: Buffer.from(update).toString('base64'), client: doc.clientID, ops: [...ops] }
      process.stdout.write(JSON.stringify(line) + '\n')
      printed++
    }
    ops.length = 0
  })
  const edits = 1 + int(4)
  for (let i = 0; i < edits; i++) {
    try {
      if (next() < 0.3) {
        doc.transact(() => { edit(doc, ops); edit(doc, ops) })
      } else {
        edit(doc, ops)
      }
    } catch (error) { // a root already taken by another kind of type: the next edit
      ops.length = 0
    }
  }
}
