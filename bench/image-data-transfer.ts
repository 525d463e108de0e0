// Image data benchmark: upload and download of a 1 GiB stream through PUT/GET /v2/images/{id}/file on the real
// server (its own process, `src/main.ts serve`), each against a plain `fs` pipe of the same bytes measured in the
// same run, and the server's peak RSS growth while it receives the upload.
// A first round warms up (JIT, page cache, file system) and is reported but not counted.
// Usage: tsx bench/image-data-transfer.ts [--mib 1024] [--rounds 3]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { loadJwtSecret, signToken } from '../src/http/auth.js';
import { startChild } from './child.js';

const { values: options } = parseArgs({ options: { mib: { type: 'string', default: '1024' }, rounds: { type: 'string', default: '3' } } });
const MIB = 1024 * 1024;
const totalBytes = Number(options.mib) * MIB;
// The same bytes every time: one random MiB repeated (hashing cost does not depend on the content).
const block = Buffer.from(Array.from({ length: MIB }, (_, index) => (index * 2654435761) >>> 24));

function source(): Readable {
  return Readable.from((function* () {
    for (let sent = 0; sent < totalBytes; sent += MIB) yield block;
  })(), { objectMode: false });
}

/** Consumes a stream, counting its bytes. */
function counter(): { sink: Writable; bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { bytes += chunk.length; done(); } });
  return { sink, bytes: () => bytes };
}

/** Times `work` after flushing dirty pages, so every measurement starts with the same page-cache state. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  execFileSync('sync');
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

function rssKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]);
}

function upload(url: string, token: string, id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v2/images/${id}/file`, {
      method: 'PUT',
      agent: false,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': totalBytes },
    });
    req.once('response', (response) => {
      response.resume();
      response.once('end', () => (response.statusCode === 204 ? resolve() : reject(new Error(`upload answered ${response.statusCode}`))));
    });
    req.once('error', reject);
    pipeline(source(), req).catch(reject);
  });
}

function download(url: string, token: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v2/images/${id}/file`, { agent: false, headers: { authorization: `Bearer ${token}` } });
    req.once('response', (response) => {
      if (response.statusCode !== 200) return reject(new Error(`download answered ${response.statusCode}`));
      const { sink, bytes } = counter();
      pipeline(response, sink).then(() => resolve(bytes()), reject);
    });
    req.once('error', reject);
    req.end();
  });
}

async function createImage(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { createImage(input: { diskFormat: RAW, containerFormat: BARE }) { image { id } } }' }),
  });
  const body = (await response.json()) as { data?: { createImage: { image: { id: string } } }; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.createImage.image.id;
}

/** MD5 and SHA-512 of the same bytes on one core with no I/O: the most an upload that must compute both can reach. */
function hashCeilingSeconds(): number {
  const md5 = createHash('md5');
  const sha512 = createHash('sha512');
  const start = performance.now();
  for (let hashed = 0; hashed < totalBytes; hashed += MIB) {
    md5.update(block);
    sha512.update(block);
  }
  md5.digest();
  sha512.digest();
  return (performance.now() - start) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rate = (seconds: number) => `${(totalBytes / MIB / seconds).toFixed(0)} MiB/s`;

const dataDir = mkdtempSync(join(tmpdir(), 'glance-bench-data-'));
const scratch = join(dataDir, 'fs-pipe.bin');
const secret = loadJwtSecret(loadConfig({ env: {}, overrides: { data_dir: dataDir } }));
const token = await signToken(secret, { userId: 'alice', projectId: 'project-a', roles: ['member'], expiresIn: '2h' });
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GLANCE_')));
const server = await startChild('src/main.ts', ['serve'], /serving (http:\S+)\/graphql/, {
  ...env, NODE_ENV: 'production', GLANCE_DATA_DIR: dataDir, GLANCE_HOST: '127.0.0.1', GLANCE_PORT: '0', GLANCE_LOG_LEVEL: 'silent',
});
const pid = server.process.pid!;
console.log(`${options.mib} MiB per transfer, ${options.rounds} rounds; load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);

const rows: { fsWrite: number; upload: number; fsRead: number; download: number; hashing: number }[] = [];
// The first upload into a fresh server is counted here too: it is where memory grows most.
let peakRssGrowthMiB = 0;
try {
  for (let round = 0; round <= Number(options.rounds); round += 1) {
    const fsWrite = await timed(() => pipeline(source(), createWriteStream(scratch)));
    const id = await createImage(server.announced, token);
    const before = rssKiB(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM, the peak RSS, to the current RSS
    const uploadSeconds = await timed(() => upload(server.announced, token, id));
    const rssGrowthMiB = (rssKiB(pid, 'VmHWM') - before) / 1024;
    const fsRead = await timed(async () => {
      const { sink, bytes } = counter();
      await pipeline(createReadStream(scratch), sink);
      if (bytes() !== totalBytes) throw new Error(`fs read ${bytes()} bytes`);
    });
    const downloadSeconds = await timed(async () => {
      const bytes = await download(server.announced, token, id);
      if (bytes !== totalBytes) throw new Error(`download gave ${bytes} bytes`);
    });
    rmSync(scratch);
    rmSync(join(dataDir, 'images', id));
    peakRssGrowthMiB = Math.max(peakRssGrowthMiB, rssGrowthMiB);
    const hashing = hashCeilingSeconds();
    if (round > 0) rows.push({ fsWrite, upload: uploadSeconds, fsRead, download: downloadSeconds, hashing });
    console.log(
      `${round === 0 ? 'warm-up' : `round ${round}`}: fs write ${rate(fsWrite)}, upload ${rate(uploadSeconds)} (ratio ${(fsWrite / uploadSeconds).toFixed(2)}); ` +
        `fs read ${rate(fsRead)}, download ${rate(downloadSeconds)} (ratio ${(fsRead / downloadSeconds).toFixed(2)}); ` +
        `md5+sha512 alone ${rate(hashing)}; server peak RSS growth during upload ${rssGrowthMiB.toFixed(1)} MiB`,
    );
  }
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const pick = (key: keyof (typeof rows)[number]) => median(rows.map((row) => row[key]));
const uploadRatio = pick('fsWrite') / pick('upload');
const downloadRatio = pick('fsRead') / pick('download');
console.log(`\nmedian of ${rows.length} rounds:`);
console.log(`  upload:   ${rate(pick('upload'))} vs fs pipe ${rate(pick('fsWrite'))} -> ratio ${uploadRatio.toFixed(2)} (goal >= 0.8)`);
console.log(`  upload vs md5+sha512 alone on one core (${rate(pick('hashing'))}): ${(pick('hashing') / pick('upload')).toFixed(2)}`);
console.log(`  download: ${rate(pick('download'))} vs fs pipe ${rate(pick('fsRead'))} -> ratio ${downloadRatio.toFixed(2)} (goal >= 0.8)`);
console.log(`  server peak RSS growth during an upload: ${peakRssGrowthMiB.toFixed(1)} MiB at most, warm-up included (goal < 64 MiB)`);
