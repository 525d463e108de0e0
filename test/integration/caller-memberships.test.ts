// Visibility and policy targets for shared images, from the caller's memberships as stored. A real database, no server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, createRequestServices, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createIdentity, type Identity } from '../../src/domain/identity.js';
import { Image, ImageMember, type Database } from '../../src/persistence/index.js';
import { useTestDatabase } from '../helpers/database.js';

const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-memberships-'));
const config = () => loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: database.url } });
let app: App;
let db: Database;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await createApp(config(), { logger: pino({ level: 'silent' }) });
  db = app.db;
  const em = db.orm.em.fork();
  const image = (name: string, visibility: string, owner = 'project-a') => {
    const created = em.create(Image, {
      id: crypto.randomUUID(), name, visibility, owner, diskFormat: null, containerFormat: null, size: null,
      virtualSize: null, checksum: null, osHashAlgo: null, osHashValue: null, deletedAt: null,
    });
    ids[name] = created.id;
    return created;
  };
  const member = (target: Image, memberId: string, status: string, deleted = false) =>
    em.create(ImageMember, { image: target, memberId, status, deleted, deletedAt: deleted ? new Date() : null });
  const shared = image('shared', 'shared');
  member(shared, 'project-b', 'pending');
  member(shared, 'project-c', 'rejected');
  member(shared, 'project-d', 'accepted', true);
  member(image('formerly-shared', 'private'), 'project-b', 'accepted');
  image('own', 'shared', 'project-b');
  image('public', 'public');
  await em.flush();
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The visibility and policy decisions of one request by `identity`, wired as the server wires them. */
const accessFor = (identity: Identity) => createRequestServices(app, identity).access;

/** One request's view for a member of `projectId`, with every test image loaded and prepared. */
async function requestFor(projectId: string, roles = ['member']) {
  const em = db.orm.em.fork();
  const access = accessFor(createIdentity('user', projectId, roles));
  const images = await em.find(Image, {});
  const before = db.statementCount();
  await access.prepare(images);
  const statements = db.statementCount() - before;
  const byName = Object.fromEntries(images.map((image) => [image.name!, image]));
  return { access, statements, image: (name: string) => byName[name]! };
}

describe('visibility of a SHARED image', () => {
  it('reaches members in any status, but not removed members, other projects, or images no longer SHARED', async () => {
    const seen = async (projectId: string, name: string) => {
      const request = await requestFor(projectId);
      return request.access.isVisible(request.image(name));
    };
    expect(await seen('project-b', 'shared')).toBe(true);
    expect(await seen('project-c', 'shared')).toBe(true);
    expect(await seen('project-d', 'shared')).toBe(false);
    expect(await seen('project-e', 'shared')).toBe(false);
    expect(await seen('project-b', 'formerly-shared')).toBe(false);
  });

  it('counts an image whose memberships were never loaded as not shared with the caller', async () => {
    const em = db.orm.em.fork();
    const access = accessFor(createIdentity('bob', 'project-b', ['member']));
    expect(access.isVisible((await em.findOne(Image, { id: ids['shared']! }))!)).toBe(false);
  });
});

describe('member_id in policy targets', () => {
  it('names the caller’s project only when it is a member, so modify_member allows members and no one else', async () => {
    const member = await requestFor('project-b');
    expect(member.access.allows('modify_member', member.image('shared'))).toBe(true);
    const stranger = await requestFor('project-e');
    expect(stranger.access.allows('modify_member', stranger.image('shared'))).toBe(false);
    const removed = await requestFor('project-d');
    expect(removed.access.allows('modify_member', removed.image('shared'))).toBe(false);
  });
});

describe('preloading', () => {
  it('takes one statement for a batch of images, and none when no image could be shared with the caller', async () => {
    expect((await requestFor('project-b')).statements).toBe(1);
    const em = db.orm.em.fork();
    const access = accessFor(createIdentity('alice', 'project-a', ['member']));
    const ownImages = await em.find(Image, { owner: 'project-a' });
    const before = db.statementCount();
    await access.prepare(ownImages);
    expect(db.statementCount() - before).toBe(0);
  });
});
