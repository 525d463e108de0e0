// One failing root field of a mutation never hides what another committed: payloads are nullable, so the failure
// nulls its own field only and is reported in `errors` with its code and path.
import { describe, expect, it } from 'vitest';
import { GetImageDocument } from '../generated/operations.js';
import { useTestServer } from '../helpers/server.js';

const server = useTestServer();

describe('a mutation with several root fields', () => {
  it('answers the committed result of one beside the error of another, in either order', async () => {
    const response = await server.alice.raw(`mutation {
      failsFirst: deleteImage(input: { id: "00000000-0000-4000-8000-000000000000" }) { id }
      created: createImage(input: { name: "kept" }) { image { id name } }
      failsLast: deactivateImage(input: { id: "not-an-image" }) { image { id } }
    }`);
    expect(response.status).toBe(200);
    const data = response.data as { failsFirst: null; created: { image: { id: string; name: string } }; failsLast: null };
    expect(data.failsFirst).toBeNull();
    expect(data.failsLast).toBeNull();
    expect(data.created.image.name).toBe('kept');
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['failsFirst'], 'NOT_FOUND'],
      [['failsLast'], 'NOT_FOUND'],
    ]);
    const { image } = await server.alice.data(GetImageDocument, { id: data.created.image.id });
    expect(image?.name).toBe('kept');
  });
});
