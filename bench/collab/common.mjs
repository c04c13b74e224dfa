// Helpers shared by the load generator and the join storm: the wall clock used across worker
// processes, latency histograms that merge across processes, and the loopback-only URL check.

import { performance } from 'node:perf_hooks'

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now()

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * The benchmark only ever talks to a server on this machine: refuse any other host.
 * @param {string} text
 */
export const checkLoopbackUrl = (text) => {
  let url
  try {
    url = new URL(text)
  } catch {
    throw new Error(`not a URL: ${text}`)
  }
  if (url.protocol !== 'ws:') throw new Error(`only ws:// URLs are allowed, not ${url.protocol}`)
  if (!LOOPBACK.has(url.hostname) && !url.hostname.startsWith('127.')) {
    throw new Error(`only loopback hosts (127.0.0.0/8, localhost, ::1) are allowed, not ${url.hostname}`)
  }
  if (url.search !== '' || url.hash !== '') throw new Error('the URL must not carry a query or fragment')
  return text.replace(/\/+$/, '')
}

/**
 * The bucket a latency falls into: 0.1 ms wide below 100 ms, 1 ms below 10 s, 10 ms above.
 * The key is the bucket's lower bound; percentiles report it (so they are exact to that width).
 * @param {number} ms
 */
export const bucketOf = (ms) => {
  if (ms < 0) ms = 0
  if (ms < 100) return Math.floor(ms * 10) / 10
  if (ms < 10000) return Math.floor(ms)
  return Math.floor(ms / 10) * 10
}

export class Histogram {
  constructor () {
    /** @type {Map<number, number>} */
    this.buckets = new Map()
    this.count = 0
    this.sum = 0
    this.max = 0
  }

  /** @param {number} ms */
  add (ms) {
    const key = bucketOf(ms)
    this.buckets.set(key, (this.buckets.get(key) ?? 0) + 1)
    this.count++
    this.sum += ms
    if (ms > this.max) this.max = ms
  }

  toJSON () {
    return { buckets: Array.from(this.buckets.entries()), count: this.count, sum: this.sum, max: this.max }
  }

  /** @param {{buckets: Array<[number, number]>, count: number, sum: number, max: number}} data */
  merge (data) {
    for (const [key, n] of data.buckets) this.buckets.set(key, (this.buckets.get(key) ?? 0) + n)
    this.count += data.count
    this.sum += data.sum
    if (data.max > this.max) this.max = data.max
  }

  /** Nearest-rank percentile (share in 0..1), as the bucket's lower bound. */
  percentile (share) {
    if (this.count === 0) return null
    const rank = Math.max(1, Math.ceil(share * this.count))
    const keys = Array.from(this.buckets.keys()).sort((a, b) => a - b)
    let seen = 0
    for (const key of keys) {
      seen += this.buckets.get(key)
      if (seen >= rank) return key
    }
    return keys[keys.length - 1]
  }

  summary () {
    const round = (x) => (x === null ? null : Math.round(x * 100) / 100)
    return {
      count: this.count,
      p50: round(this.percentile(0.5)),
      p95: round(this.percentile(0.95)),
      p99: round(this.percentile(0.99)),
      max: round(this.count ? this.max : null),
      mean: round(this.count ? this.sum / this.count : null)
    }
  }
}

/** Nearest-rank percentiles of a plain list of numbers. */
export const summarize = (values) => {
  const sorted = values.filter((v) => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
  const pick = (share) => (sorted.length ? sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] : null)
  const round = (x) => (x === null ? null : Math.round(x * 100) / 100)
  return {
    count: sorted.length,
    p50: round(pick(0.5)),
    p95: round(pick(0.95)),
    p99: round(pick(0.99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null)
  }
}

/** A small seeded PRNG (mulberry32), so runs are repeatable where it matters. */
export const rng = (seed) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Ordinary `--name value` options; numbers where the default is a number. */
export const positiveInt = (value, name) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, not ${value}`)
  return n
}

export const positiveNumber = (value, name) => {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${value}`)
  return n
}

export const nonNegativeNumber = (value, name) => {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, not ${value}`)
  return n
}
