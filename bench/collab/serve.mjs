// What the benchmark's Node servers (reference_server.mjs, null_relay.mjs) share: the command line
// (`--port`, `--host`, default 127.0.0.1), a plain HTTP GET answered 200 "okay" (the readiness
// check), WebSocket upgrades handed to `wss`, one JSON line `{"event":"listening","port":N}` on
// stdout once listening, and a stop on SIGTERM or SIGINT.

import http from 'node:http'
import { parseArgs } from 'node:util'

/** @param {import('ws').WebSocketServer} wss a server created with `noServer: true` */
export const serve = (wss) => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '1234' },
      host: { type: 'string', default: '127.0.0.1' }
    }
  })
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain' })
    response.end('okay')
  })
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      wss.emit('connection', ws, request)
    })
  })
  server.listen(Number(values.port), values.host, () => {
    const address = server.address()
    process.stdout.write(JSON.stringify({ event: 'listening', host: values.host, port: address.port }) + '\n')
  })
  const stop = () => {
    for (const client of wss.clients) client.terminate()
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 1000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  return server
}
