/**
 * The floor of the benchmark, run as its own process like the service: a bare Express app that
 * parses the same JSON body with the same limit and answers `{"cards":[]}`. Whatever the service
 * adds on top of this is ours to answer for. Prints `{"url": ...}` once listening.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

const limit = process.argv[2] ?? '10mb';
const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit, type: ['application/json', 'application/*+json'] }));
app.post('/cds-services/:id', (_req, res) => {
  res.json({ cards: [] });
});
app.post('/api/panel/synopsis', (_req, res) => {
  res.json({ cards: [] });
});
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
