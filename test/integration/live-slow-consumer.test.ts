// A live-update subscriber that stops reading is disconnected once a subscription holds max_pending_live_events
// undelivered, instead of the server buffering for it without bound: a real WebSocket client (the
// graphql-transport-ws protocol by hand) that pauses its socket while another one keeps reading.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ImageChangedDocument, UpdateImageDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { liveSocket, record, settled } from '../helpers/live.js';
import { useTestServer } from '../helpers/server.js';

const test = useTestServer({ max_pending_live_events: 3, max_subscriptions_per_connection: 50 });

/** About 50 KiB per event: ten aliases of twenty 255-character properties. */
const bulky = `subscription ($id: ID!) { imageChanged(id: $id) { kind image { ${Array.from({ length: 10 }, (_, n) => `p${n}: properties { key value }`).join(' ')} } } }`;

/** A WebSocket that has been acknowledged and holds `subscriptions` subscriptions to image `id`, counting what arrives. */
async function openStalledConsumer(token: string, id: string, subscriptions: number) {
  const socket = new WebSocket(`${test.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const counted = { next: 0 };
  socket.on('message', (data) => {
    if ((JSON.parse(String(data)) as { type: string }).type === 'next') counted.next += 1;
  });
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await once(socket, 'message');
  for (let n = 0; n < subscriptions; n += 1) {
    socket.send(JSON.stringify({ id: String(n), type: 'subscribe', payload: { query: bulky, variables: { id } } }));
  }
  return { socket, counted };
}

describe('a slow consumer', () => {
  it('is disconnected once a subscription holds max_pending_live_events undelivered; other subscribers are served', async () => {
    const properties = Array.from({ length: 20 }, (_, n) => ({ key: `key_${n}`, value: 'x'.repeat(255) }));
    const image = await createImage(test.alice, { properties });
    const subscriptions = 50;
    const stalled = await openStalledConsumer(test.alice.token!, image.id, subscriptions);
    const reader = liveSocket(test.url, test.alice.token);
    const reading = record(reader, ImageChangedDocument, { id: image.id });
    await settled(reader);
    stalled.socket.pause(); // stops reading: the kernel's buffers fill, then the server's sends wait

    // 2.5 MiB per change on the stalled connection: far more than the kernel buffers between the two ends hold.
    const changes = 40;
    for (let n = 1; n <= changes; n += 1) await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: `change ${n}` } });
    await reading.received(changes);

    const closed = once(stalled.socket, 'close') as Promise<[number]>;
    stalled.socket.resume();
    const [code] = await closed;
    expect(code).toBe(1006); // cut, not closed in order: a close frame would wait behind the undelivered data
    expect(stalled.counted.next).toBeLessThan(subscriptions * changes);
    // Each event is read when it is delivered, so under load an event may already show a later change; never an
    // earlier one, and the last shows the last.
    const shown = reading.results.map((result) => Number(result.data?.imageChanged.image?.name?.replace('change ', '')));
    expect(shown).toHaveLength(changes);
    shown.forEach((change, index) => expect(change).toBeGreaterThanOrEqual(index + 1));
    expect(shown.at(-1)).toBe(changes);
    await reader.dispose();
  });
});
