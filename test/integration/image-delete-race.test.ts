// The delete decision and the write are one: a delete checked against an ACTIVE image must not go through once
// the image became DEACTIVATED (where delete_deactivated_image may say no). Real SQLite, no server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { Access } from '../../src/domain/image-access.js';
import { ConflictError } from '../../src/domain/errors.js';
import { createIdentity } from '../../src/domain/identity.js';
import { createImageLoaders } from '../../src/domain/images/image-loaders.js';
import { PropertyLoader } from '../../src/domain/images/property-loader.js';
import { ImageService } from '../../src/domain/images/image.service.js';
import { CallerMemberships } from '../../src/domain/members/caller-memberships.js';
import { Image, openDatabase, type Database } from '../../src/persistence/index.js';
import { PolicyEnforcer } from '../../src/policy/index.js';
import { FilesystemStore } from '../../src/store/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'glance-race-'));
const config = loadConfig({ env: {}, overrides: { data_dir: dataDir } });
let db: Database;
let policy: PolicyEnforcer;

beforeAll(async () => {
  db = await openDatabase(config);
  policy = await PolicyEnforcer.create({ logger: { info() {}, error() {} } });
});
afterAll(async () => {
  policy.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function serviceFor(projectId: string) {
  const em = db.orm.em.fork();
  const properties = new PropertyLoader(em);
  const access = new Access(policy, createIdentity('alice', projectId, ['member']), new CallerMemberships(em, projectId), properties);
  const loaders = createImageLoaders(em, access, properties);
  const store = new FilesystemStore(join(dataDir, 'images'));
  return { service: new ImageService({ em, config, access, loaders, store }), loaders, access };
}

it('refuses with CONFLICT when the status changed after the policy check, and leaves the image in place', async () => {
  const { service: creator } = serviceFor('project-a');
  const { id } = await creator.create({ name: 'racy', diskFormat: 'raw', containerFormat: 'bare' });
  await db.orm.em.fork().nativeUpdate(Image, { id }, { status: 'active' });

  const request = serviceFor('project-a');
  const seen = await request.loaders.image.load(id);
  expect(seen?.status).toBe('active');
  expect(request.access.allows('delete_image', seen)).toBe(true);

  await db.orm.em.fork().nativeUpdate(Image, { id }, { status: 'deactivated' });
  await expect(request.service.delete(id)).rejects.toBeInstanceOf(ConflictError);
  const after = await db.orm.em.fork().findOne(Image, { id });
  expect(after).toMatchObject({ status: 'deactivated', deleted: false });
});
