// A server that stops closes its live updates in order: WebSocket subscriptions with 1001 Going Away, SSE streams
// ended, rather than cut.
import { describe, expect, it } from 'vitest';
import { ImagesChangedDocument } from '../generated/operations.js';
import { liveSocket, record, settled } from '../helpers/live.js';
import { startTestServer } from '../helpers/server.js';

describe('live updates at shutdown', () => {
  it('closes WebSockets with 1001 and ends SSE streams', async () => {
    const test = await startTestServer({});
    const { alice } = await test.personas();
    let closedWith: unknown;
    const socket = liveSocket(test.url, alice.token, { onClosed: (event) => (closedWith = event) });
    const watching = record(socket, ImagesChangedDocument);
    await settled(socket);
    const stream = await fetch(`${test.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${alice.token}` },
      body: JSON.stringify({ query: 'subscription { imagesChanged { kind } }' }),
    });
    expect(stream.status).toBe(200);
    const body = stream.body!.getReader();

    await test.close();

    await expect(watching.ended).rejects.toMatchObject({ code: 1001 });
    expect(closedWith).toMatchObject({ code: 1001 });
    let text = '';
    for (let read = await body.read(); !read.done; read = await body.read()) text += new TextDecoder().decode(read.value);
    expect(text).not.toContain('event: complete'); // ended by the server going away, not completed
  });
});
