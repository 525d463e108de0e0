// Stopping the server: a client that opened a connection and never sent a request must not hold it open.
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';

it('closes within its grace period although an idle connection never sent a request', async () => {
  const test = await startTestServer();
  const { hostname, port } = new URL(test.url);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  const started = performance.now();
  await test.close();
  expect(performance.now() - started).toBeLessThan(10_000);
  await closed;
});
