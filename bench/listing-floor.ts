// The floor for the read benchmarks: a bare node:http handler that answers with the same JSON our GraphQL server
// sends, read with the driver MikroORM uses (sqlite3, or pg on PostgreSQL), in the same shape of queries:
// - any path but /image/...: the member's first page of images (`?first=N`, 50 by default: id, name, status, tags,
//   properties), one page query, then tags and properties by image id;
// - /image/<id>: that image with the fields of Glance's image JSON (as bench/listing.ts asks for them), one query for
//   the image within the member's visibility, then its tags and properties.
// No framework, no GraphQL, no ORM, no token or policy check: the cost of the data alone.
// Usage: node --import tsx bench/listing-floor.ts <sqlite file | postgresql:// URL> <project id>   (prints "listening <port>")
import { createServer } from 'node:http';
import pg from 'pg';
import sqlite3 from 'sqlite3';

const DEFAULT_PAGE_SIZE = 50;
const [database, project] = process.argv.slice(2);
if (!database || !project) throw new Error('usage: listing-floor.ts <sqlite file | postgresql:// URL> <project id>');

interface Driver {
  /** Runs `sql`, written with $1, $2 ... placeholders. */
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function sqliteDriver(file: string): Driver {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  return {
    all: <T>(sql: string, params: unknown[]) =>
      new Promise<T[]>((resolve, reject) => db.all(sql.replace(/\$(\d+)/g, '?$1'), params, (error, rows) => (error ? reject(error) : resolve(rows as T[])))),
    close: () => new Promise((resolve) => db.close(() => resolve())),
  };
}

function postgresqlDriver(url: string): Driver {
  const pool = new pg.Pool({ connectionString: url });
  return { all: async <T>(sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as T[], close: () => pool.end() };
}

const db = /^postgres(ql)?:\/\//.test(database) ? postgresqlDriver(database) : sqliteDriver(database);
const all = db.all;
/** `$from, $from+1, ...`: one placeholder per value, as the ORM writes an IN list. */
const marksFrom = (from: number, count: number) => Array.from({ length: count }, (_, index) => `$${from + index}`).join(', ');

// The member's default list, as src/domain/images/image-list.ts scopes it.
const PAGE_SQL = `select id, name, status from images
  where deleted = false and status != 'killed' and os_hidden = false and (visibility = 'public' or owner = $1 or (visibility = 'shared'
    and id in (select image_id from image_members where member = $1 and status = 'accepted' and deleted = false)))
  order by created_at desc, id desc limit $2`;

// One image the member can see, as Access.isVisible decides (memberships in any status count).
const IMAGE_SQL = `select id, name, status, visibility, protected, os_hidden, owner, disk_format, container_format, size,
    virtual_size, min_disk, min_ram, checksum, os_hash_algo, os_hash_value, created_at, updated_at
  from images where id = $2 and deleted = false and (owner is null or visibility in ('public', 'community') or owner = $1
    or (visibility = 'shared' and id in (select image_id from image_members where member = $1 and deleted = false)))`;

interface Property {
  key: string;
  value: string;
}

async function tagsAndProperties(ids: string[]) {
  const marks = marksFrom(1, ids.length);
  const [tags, properties] = await Promise.all([
    all<{ image_id: string; value: string }>(`select image_id, value from image_tags where image_id in (${marks}) order by value`, ids),
    all<{ image_id: string; name: string; value: string }>(`select image_id, name, value from image_properties where image_id in (${marks}) order by name`, ids),
  ]);
  const of = new Map(ids.map((id) => [id, { tags: [] as string[], properties: [] as Property[] }]));
  for (const tag of tags) of.get(tag.image_id)!.tags.push(tag.value);
  for (const property of properties) of.get(property.image_id)!.properties.push({ key: property.name, value: property.value });
  return of;
}

async function page(size: number): Promise<string> {
  const images = await all<{ id: string; name: string | null; status: string }>(PAGE_SQL, [project, size]);
  const children = await tagsAndProperties(images.map((image) => image.id));
  const edges = images.map(({ id, name, status }) => ({ node: { id, name, status: status.toUpperCase(), ...children.get(id)! } }));
  return JSON.stringify({ data: { images: { edges } } });
}

interface ImageRow {
  id: string;
  name: string | null;
  status: string;
  visibility: string;
  protected: number | boolean;
  os_hidden: number | boolean;
  owner: string | null;
  disk_format: string | null;
  container_format: string | null;
  /** Text on PostgreSQL (bigint). */
  size: number | string | null;
  virtual_size: number | string | null;
  min_disk: number;
  min_ram: number;
  checksum: string | null;
  os_hash_algo: string | null;
  os_hash_value: string | null;
  /** Milliseconds on SQLite, a Date on PostgreSQL. */
  created_at: number | Date;
  updated_at: number | Date;
}

async function image(id: string): Promise<string> {
  const [row] = await all<ImageRow>(IMAGE_SQL, [project, id]);
  if (!row) return JSON.stringify({ data: { image: null } });
  const { tags, properties } = (await tagsAndProperties([id])).get(id)!;
  const upper = (value: string | null) => value?.toUpperCase() ?? null;
  const number = (value: number | string | null) => (value === null ? null : Number(value));
  return JSON.stringify({
    data: {
      image: {
        id: row.id, name: row.name, status: row.status.toUpperCase(), visibility: row.visibility.toUpperCase(),
        protected: Boolean(row.protected), osHidden: Boolean(row.os_hidden), owner: row.owner, diskFormat: upper(row.disk_format),
        containerFormat: upper(row.container_format), size: number(row.size), virtualSize: number(row.virtual_size), minDisk: row.min_disk,
        minRam: row.min_ram, checksum: row.checksum, osHashAlgo: row.os_hash_algo, osHashValue: row.os_hash_value, tags,
        properties, createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
      },
    },
  });
}

function answer(url: string): Promise<string> {
  const { pathname, searchParams } = new URL(url, 'http://floor');
  if (pathname.startsWith('/image/')) return image(decodeURIComponent(pathname.slice('/image/'.length)));
  return page(Number(searchParams.get('first') ?? DEFAULT_PAGE_SIZE));
}

const server = createServer((request, response) => {
  // Read (and drop) the body, as a server that parsed the GraphQL request would.
  request.resume();
  request.on('end', () => {
    answer(request.url ?? '/').then(
      (body) => response.writeHead(200, { 'content-type': 'application/json' }).end(body),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
