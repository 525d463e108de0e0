// Live updates over a real WebSocket (graphql-ws) and real SSE (graphql-sse) against the real server: each kind of
// change, upload progress, completion, authorisation at subscribe and at delivery, token expiry, limits.
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  AddImageMemberDocument, AddImageTagDocument, DeleteImageDocument, ImageChangedDocument, ImagesChangedDocument,
  RemoveImageMemberDocument, UpdateImageDocument, UpdateImageMemberDocument,
} from '../generated/operations.js';
import { createImage, setImageRow } from '../helpers/images.js';
import { liveSocket, liveStream, record, settled } from '../helpers/live.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, startSaving } from './image-data-fixtures.js';

const policyFile = join(mkdtempSync(join(tmpdir(), 'glance-live-policy-')), 'policy.yaml');
const test = useTestServer(() => {
  writeFileSync(policyFile, '{}\n');
  return { max_subscriptions_per_connection: 3, policy_file: policyFile };
});

async function putPolicy(text: string) {
  writeFileSync(policyFile, text);
  expect(await test.server.policy.reload()).toBe(true);
}
const sockets: Array<{ dispose(): unknown }> = [];
const socketAs = (token: string | null, onClosed?: (event: unknown) => void) => {
  const socket = liveSocket(test.url, token, { onClosed });
  sockets.push(socket);
  return socket;
};
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.map((error) => error.extensions?.code);

describe('imageChanged over WebSocket', () => {
  it('sends each change as UPDATED, read for the subscriber, and completes after DELETED', async () => {
    const image = await createImage(test.alice, { name: 'before' });
    const socket = socketAs(test.alice.token);
    const changes = record(socket, ImageChangedDocument, { id: image.id });
    await settled(socket);
    await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: 'after' } });
    await test.alice.data(AddImageTagDocument, { input: { imageId: image.id, tag: 'live' } });
    await test.alice.data(DeleteImageDocument, { input: { id: image.id } });
    await changes.ended;
    expect(changes.results.map((result) => result.data?.imageChanged)).toEqual([
      { kind: 'UPDATED', imageId: image.id, image: { id: image.id, name: 'after', status: 'QUEUED', tags: [] }, progress: null },
      { kind: 'UPDATED', imageId: image.id, image: { id: image.id, name: 'after', status: 'QUEUED', tags: ['live'] }, progress: null },
      { kind: 'DELETED', imageId: image.id, image: null, progress: null },
    ]);
  });

  it('sends PROGRESS while an upload is held, at most every 250 ms and once at the end, then the status moves', async () => {
    const image = await createImage(test.alice);
    const socket = socketAs(test.alice.token);
    const changes = record(socket, ImageChangedDocument, { id: image.id });
    await settled(socket);
    const held = await startSaving(test.alice, image.id);
    for (let i = 0; i < 4; i += 1) {
      await sleep(300);
      held.send(bytes(1024));
    }
    held.finish();
    expect((await held.response).status).toBe(204);
    await expect.poll(() => changes.results.at(-1)?.data?.imageChanged.image?.status).toBe('ACTIVE');
    const events = changes.results.map((result) => result.data!.imageChanged);
    expect(events[0]).toMatchObject({ kind: 'UPDATED', image: { status: 'SAVING' } });
    const progress = events.filter((event) => event.kind === 'PROGRESS').map((event) => event.progress!.bytesDone);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(6);
    expect(progress.at(-1)).toBe(5 * 1024);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(events.at(-1)).toMatchObject({ kind: 'UPDATED', image: { status: 'ACTIVE' } });
  });

  it('answers NOT_FOUND to a subscriber who may not read the image', async () => {
    const image = await createImage(test.alice);
    const result = (await record(socketAs(test.bob.token), ImageChangedDocument, { id: image.id }).received(1))[0]!;
    expect(codes(result)).toEqual(['NOT_FOUND']);
  });

  it('ends with NOT_FOUND when the subscriber loses access (its membership removed)', async () => {
    const image = await createImage(test.alice);
    await test.alice.data(AddImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b' } });
    const socket = socketAs(test.bob.token);
    const changes = record(socket, ImageChangedDocument, { id: image.id });
    await settled(socket);
    await test.alice.data(RemoveImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b' } });
    await changes.ended;
    expect(changes.results.map(codes)).toEqual([['NOT_FOUND']]);
  });

  it('ends with NOT_FOUND when the image is made PRIVATE, and with FORBIDDEN when a policy denies get_image', async () => {
    const shared = await createImage(test.alice);
    await test.alice.data(AddImageMemberDocument, { input: { imageId: shared.id, memberId: 'project-b' } });
    const own = await createImage(test.alice);
    const bobs = socketAs(test.bob.token);
    const alices = socketAs(test.alice.token);
    const bobWatching = record(bobs, ImageChangedDocument, { id: shared.id });
    const aliceWatching = record(alices, ImageChangedDocument, { id: own.id });
    await Promise.all([settled(bobs), settled(alices)]);
    await test.alice.data(UpdateImageDocument, { input: { id: shared.id, visibility: 'PRIVATE' } });
    await bobWatching.ended;
    expect(bobWatching.results.map(codes)).toEqual([['NOT_FOUND']]);
    await putPolicy('get_image: "role:admin"\n');
    try {
      await test.admin.data(UpdateImageDocument, { input: { id: own.id, name: 'renamed by an admin' } });
      await aliceWatching.ended;
    } finally {
      await putPolicy('{}\n');
    }
    expect(aliceWatching.results.map(codes)).toEqual([['FORBIDDEN']]);
  });
});

describe('imagesChanged', () => {
  it('carries only images the subscriber may list: CREATED, UPDATED, DELETED', async () => {
    const aliceSocket = socketAs(test.alice.token);
    const bobSocket = socketAs(test.bob.token);
    const alices = record(aliceSocket, ImagesChangedDocument);
    const bobs = record(bobSocket, ImagesChangedDocument);
    await Promise.all([settled(aliceSocket), settled(bobSocket)]);
    const image = await createImage(test.alice, { name: 'mine' });
    await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: 'still mine' } });
    await test.alice.data(DeleteImageDocument, { input: { id: image.id } });
    const seen = (await alices.received(3)).map((result) => result.data!.imagesChanged);
    expect(seen).toEqual([
      { kind: 'CREATED', imageId: image.id, image: { id: image.id, name: 'mine' } },
      { kind: 'UPDATED', imageId: image.id, image: { id: image.id, name: 'still mine' } },
      { kind: 'DELETED', imageId: image.id, image: null },
    ]);
    expect(bobs.results).toEqual([]);
  });

  it('stops carrying an image to a member project once it is made PRIVATE', async () => {
    const image = await createImage(test.alice);
    await test.alice.data(AddImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b' } });
    await test.bob.data(UpdateImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b', status: 'ACCEPTED' } });
    const socket = socketAs(test.bob.token);
    const bobs = record(socket, ImagesChangedDocument);
    await settled(socket);
    await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: 'shared' } });
    await bobs.received(1);
    await test.alice.data(UpdateImageDocument, { input: { id: image.id, visibility: 'PRIVATE' } });
    await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: 'private' } });
    await sleep(300);
    expect(bobs.results.map((result) => result.data?.imagesChanged.image?.name)).toEqual(['shared']);
  });
});

describe('imagesChanged and the default list', () => {
  const names = (recording: { results: { data?: { imagesChanged: { kind: string; imageId: string } } | null }[] }) =>
    recording.results.map((result) => `${result.data?.imagesChanged.kind} ${result.data?.imagesChanged.imageId}`);

  it('carries DELETED to a member project that could list the image', async () => {
    const image = await createImage(test.alice);
    await test.alice.data(AddImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b' } });
    await test.bob.data(UpdateImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b', status: 'ACCEPTED' } });
    const socket = socketAs(test.bob.token);
    const bobs = record(socket, ImagesChangedDocument);
    await settled(socket);
    await test.alice.data(DeleteImageDocument, { input: { id: image.id } });
    expect(names({ results: await bobs.received(1) })).toEqual([`DELETED ${image.id}`]);
  });

  it('leaves out what the list leaves out: hidden and killed images, pending and rejected or removed memberships', async () => {
    const hidden = await createImage(test.alice, { osHidden: true });
    const killed = await createImage(test.alice);
    await setImageRow(test, killed.id, { status: 'killed' });
    const shareWithBob = async (status: 'PENDING' | 'ACCEPTED' | 'REJECTED') => {
      const image = await createImage(test.alice);
      await test.alice.data(AddImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b' } });
      if (status !== 'PENDING') await test.bob.data(UpdateImageMemberDocument, { input: { imageId: image.id, memberId: 'project-b', status } });
      return image;
    };
    const [pending, rejected, removed, accepted] = [await shareWithBob('PENDING'), await shareWithBob('REJECTED'), await shareWithBob('ACCEPTED'), await shareWithBob('ACCEPTED')];
    await test.alice.data(RemoveImageMemberDocument, { input: { imageId: removed.id, memberId: 'project-b' } });
    const aliceSocket = socketAs(test.alice.token);
    const bobSocket = socketAs(test.bob.token);
    const alices = record(aliceSocket, ImagesChangedDocument);
    const bobs = record(bobSocket, ImagesChangedDocument);
    await Promise.all([settled(aliceSocket), settled(bobSocket)]);
    for (const image of [hidden, killed, pending, rejected, removed, accepted]) {
      await test.alice.data(UpdateImageDocument, { input: { id: image.id, minRam: 1 } });
    }
    for (const image of [hidden, pending, rejected, removed, accepted]) await test.alice.data(DeleteImageDocument, { input: { id: image.id } });
    // Each subscription delivers in order: once the last event is in, the ones left out will not come.
    await alices.received(8);
    await bobs.received(2);
    const listed = [pending, rejected, removed, accepted];
    expect(names(alices)).toEqual([...listed.map(({ id }) => `UPDATED ${id}`), ...listed.map(({ id }) => `DELETED ${id}`)]);
    expect(names(bobs)).toEqual([`UPDATED ${accepted.id}`, `DELETED ${accepted.id}`]);
  });
});

describe('connections', () => {
  it('closes a connection without a valid token with 4401', async () => {
    for (const token of [null, 'not-a-token']) {
      const closed = new Promise<unknown>((resolve) => record(socketAs(token, resolve), ImagesChangedDocument));
      await expect(closed).resolves.toMatchObject({ code: 4401 });
    }
  });

  it('closes the connection with 4401 when the token expires', async () => {
    const token = await test.token('alice', 'project-a', ['member'], '2s');
    const closed = new Promise<unknown>((resolve) => record(socketAs(token, resolve), ImagesChangedDocument));
    await expect(closed).resolves.toMatchObject({ code: 4401 });
  });

  it('closes a connection that sends no connection_init in time with 4408', async () => {
    const socket = new WebSocket(`${test.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4408);
  });

  it('refuses more subscriptions than max_subscriptions_per_connection on one connection', async () => {
    const socket = socketAs(test.alice.token);
    const image = await createImage(test.alice);
    const held = [1, 2, 3].map(() => record(socket, ImageChangedDocument, { id: image.id }));
    const refused = record(socket, ImageChangedDocument, { id: image.id });
    const errors = await refused.ended.then(() => [], (rejection: { extensions?: { code?: string } }[]) => rejection);
    expect(errors.map((error) => error.extensions?.code)).toEqual(['PAYLOAD_TOO_LARGE']);
    held[0]!.stop(); // which makes room for another
    const again = record(socket, ImageChangedDocument, { id: image.id });
    const outcome = await Promise.race([again.ended.then(() => 'ended', () => 'refused'), sleep(300).then(() => 'open')]);
    expect(outcome).toBe('open');
  });
});

describe('imageChanged over SSE', () => {
  it('sends changes and completes after DELETED', async () => {
    const image = await createImage(test.alice);
    const client = liveStream(test.url, test.alice.token!);
    const changes = record(client, ImageChangedDocument, { id: image.id });
    await sleep(300);
    await test.alice.data(UpdateImageDocument, { input: { id: image.id, name: 'streamed' } });
    await test.alice.data(DeleteImageDocument, { input: { id: image.id } });
    await changes.ended;
    expect(changes.results.map((result) => result.data?.imageChanged.kind)).toEqual(['UPDATED', 'DELETED']);
    client.dispose();
  });

  it('refuses a request without a token with 401', async () => {
    const response = await fetch(`${test.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { imagesChanged { kind } }' }),
    });
    expect(response.status).toBe(401);
  });
});
