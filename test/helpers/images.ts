// Arrangement helpers for image tests.
import { Image } from '../../src/persistence/index.js';
import type { CreateImageInput } from '../generated/operations.js';
import { CreateImageDocument } from '../generated/operations.js';
import type { GraphQLClient } from './client.js';
import type { TestServer } from './server.js';

export async function createImage(client: GraphQLClient, input: CreateImageInput = {}) {
  const { createImage } = await client.mutate(CreateImageDocument, { input: { diskFormat: 'RAW', containerFormat: 'BARE', ...input } });
  return createImage.image;
}

/**
 * Puts an image into a state the API reaches only through data uploads (status, size) or the passing of time
 * (createdAt, updatedAt), by writing the row directly. Used where a test is about something else than how the
 * image got there.
 */
export async function setImageRow(test: TestServer, id: string, fields: Partial<Pick<Image, 'status' | 'size' | 'createdAt' | 'updatedAt'>>) {
  await test.server.db.orm.em.fork().nativeUpdate(Image, { id }, fields);
}
