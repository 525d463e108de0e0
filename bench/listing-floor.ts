// The floor for the listing benchmark: a bare node:http handler that answers every request with the member's
// first 50 images (id, name, status, tags, properties) as the same JSON our GraphQL server sends, read with the
// sqlite3 driver MikroORM uses, in the same shape of queries (one page query, then tags and properties by image
// id). No framework, no GraphQL, no ORM, no authentication: the cost of the data alone.
// Usage: node --import tsx bench/listing-floor.ts <sqlite file> <project id>   (prints "listening <port>")
import { createServer } from 'node:http';
import sqlite3 from 'sqlite3';

const PAGE_SIZE = 50;
const [file, project] = process.argv.slice(2);
if (!file || !project) throw new Error('usage: listing-floor.ts <sqlite file> <project id>');

const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
const all = <T>(sql: string, params: unknown[]) =>
  new Promise<T[]>((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));

// The member's default list, as src/domain/images/image-list.ts scopes it.
const PAGE_SQL = `select id, name, status from images
  where deleted = 0 and status != 'killed' and os_hidden = 0 and (visibility = 'public' or owner = ?1 or (visibility = 'shared'
    and id in (select image_id from image_members where member = ?1 and status = 'accepted' and deleted = 0)))
  order by created_at desc, id desc limit ${PAGE_SIZE}`;

async function firstPage(): Promise<string> {
  const images = await all<{ id: string; name: string | null; status: string }>(PAGE_SQL, [project]);
  const ids = images.map((image) => image.id);
  const marks = ids.map(() => '?').join(', ');
  const [tags, properties] = await Promise.all([
    all<{ image_id: string; value: string }>(`select image_id, value from image_tags where image_id in (${marks}) order by value`, ids),
    all<{ image_id: string; name: string; value: string }>(`select image_id, name, value from image_properties where image_id in (${marks}) order by name`, ids),
  ]);
  const nodes = new Map(images.map(({ id, name, status }) => [id, { id, name, status: status.toUpperCase(), tags: [] as string[], properties: [] as { key: string; value: string }[] }]));
  for (const tag of tags) nodes.get(tag.image_id)!.tags.push(tag.value);
  for (const property of properties) nodes.get(property.image_id)!.properties.push({ key: property.name, value: property.value });
  return JSON.stringify({ data: { images: { edges: [...nodes.values()].map((node) => ({ node })) } } });
}

const server = createServer((request, response) => {
  // Read (and drop) the body, as a server that parsed the GraphQL request would.
  request.resume();
  request.on('end', () => {
    firstPage().then(
      (body) => response.writeHead(200, { 'content-type': 'application/json' }).end(body),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => db.close(() => process.exit(0))));
