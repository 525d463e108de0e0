// The outbound URL filter with the operator's defaults (no allowed_hosts): location URLs that reach the server itself
// or a metadata service are refused, whether the URL names the address or a host name that resolves to it.
import { describe, expect, it } from 'vitest';
import { AddImageLocationDocument, ImageDataDocument } from '../generated/operations.js';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';
import { bytes, upload } from './image-data-fixtures.js';

const server = useTestServer({ show_multiple_locations: true });

/** Tries to add `url` to an ACTIVE image of alice's; returns the refusal's message after checking nothing changed. */
async function refusal(url: string): Promise<string> {
  const { id } = await createImage(server.alice);
  expect((await upload(server.alice, id, bytes(10))).status).toBe(204);
  const before = (await server.alice.data(ImageDataDocument, { id })).image;
  const { message } = await server.alice.error('BAD_USER_INPUT', AddImageLocationDocument, { input: { imageId: id, url } });
  expect((await server.alice.data(ImageDataDocument, { id })).image).toEqual(before);
  return message;
}

describe('location URLs and the outbound filter', () => {
  it('refuses a host name that passes the lists but resolves to loopback, naming the address it found', async () => {
    // localhost is in no list; only the DNS answer (from /etc/hosts) makes it internal.
    expect(await refusal('http://localhost/image.raw')).toMatch(
      /host localhost resolves to (127\.0\.0\.1|::1), an internal address .*list the host in allowed_hosts/,
    );
  });

  it.each([
    ['http://[::127.0.0.1]/x', '::7f00:1 (IPv4 127.0.0.1)'],
    ['http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', '64:ff9b::a9fe:a9fe (IPv4 169.254.169.254)'],
    ['http://[2002:a9fe:a9fe::]/latest/meta-data/', '2002:a9fe:a9fe:: (IPv4 169.254.169.254)'],
    ['http://100.100.100.200/latest/meta-data/', '100.100.100.200'],
    ['http://192.0.0.192/opc/v2/instance/', '192.0.0.192'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'fd00:ec2::254'],
  ])('refuses %s', async (url, address) => {
    expect(await refusal(url)).toContain(`resolves to ${address}, an internal address`);
  });
});
