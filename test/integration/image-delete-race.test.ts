// The delete decision and the write are one: a delete checked against an ACTIVE image must not go through once
// the image became DEACTIVATED (where delete_deactivated_image may say no). A real database, no server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, createRequestServices, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { ConflictError } from '../../src/domain/errors.js';
import { createIdentity } from '../../src/domain/identity.js';
import { Image } from '../../src/persistence/index.js';
import { useTestDatabase } from '../helpers/database.js';

const database = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'glance-race-'));
const config = () => loadConfig({ env: {}, overrides: { data_dir: dataDir, database_url: database.url } });
let app: App;

beforeAll(async () => {
  app = await createApp(config(), { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One request's services for a member of `projectId`, wired as the server wires them. */
function serviceFor(projectId: string) {
  const { images, loaders, access } = createRequestServices(app, createIdentity('alice', projectId, ['member']));
  return { service: images, loaders, access };
}

it('refuses with CONFLICT when the status changed after the policy check, and leaves the image in place', async () => {
  const { service: creator } = serviceFor('project-a');
  const { id } = await creator.create({ name: 'racy', diskFormat: 'raw', containerFormat: 'bare' });
  await app.db.orm.em.fork().nativeUpdate(Image, { id }, { status: 'active' });

  const request = serviceFor('project-a');
  const seen = await request.loaders.image.load(id);
  expect(seen?.status).toBe('active');
  expect(request.access.allows('delete_image', seen)).toBe(true);

  await app.db.orm.em.fork().nativeUpdate(Image, { id }, { status: 'deactivated' });
  await expect(request.service.delete(id)).rejects.toBeInstanceOf(ConflictError);
  const after = await app.db.orm.em.fork().findOne(Image, { id });
  expect(after).toMatchObject({ status: 'deactivated', deleted: false });
});
