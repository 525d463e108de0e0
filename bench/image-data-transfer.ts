// Image data benchmark: upload and download of a 1 GiB stream through PUT/GET /v2/images/{id}/file on the real
// server (its own process, `src/main.ts serve`), each against a plain `fs` pipe of the same bytes measured in the
// same run, and the server's peak RSS growth while it receives the upload. Each transfer is made twice: by a
// node:http client in this process, and by curl (when installed), whose lower cost per byte shows the server's own
// throughput rather than the client's.
// A first round warms up (JIT, page cache, file system) and is reported but not counted.
// Usage: tsx bench/image-data-transfer.ts [--mib 1024] [--rounds 3]
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs, promisify } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { loadJwtSecret, signToken } from '../src/http/auth.js';
import { startServe } from './child.js';

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

const hasCurl = spawnSync('curl', ['--version']).status === 0;

/** One transfer by curl, which must answer `status` having moved `totalBytes` in the direction given. */
async function curlTransfer(direction: 'upload' | 'download', status: number, args: string[]): Promise<void> {
  const { stdout } = await promisify(execFile)('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_upload} %{size_download}', ...args]);
  const [code, uploaded, downloaded] = stdout.trim().split(' ').map(Number);
  const moved = direction === 'upload' ? uploaded : downloaded;
  if (code !== status || moved !== totalBytes) throw new Error(`curl ${direction}: status ${code}, ${moved} bytes`);
}

function curlUpload(url: string, token: string, id: string, file: string): Promise<void> {
  const headers = ['-H', `authorization: Bearer ${token}`, '-H', 'content-type: application/octet-stream'];
  return curlTransfer('upload', 204, [...headers, '-T', file, `${url}/v2/images/${id}/file`]);
}

function curlDownload(url: string, token: string, id: string): Promise<void> {
  return curlTransfer('download', 200, ['-H', `authorization: Bearer ${token}`, `${url}/v2/images/${id}/file`]);
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
const server = await startServe({ GLANCE_DATA_DIR: dataDir });
const pid = server.process.pid!;
console.log(`${options.mib} MiB per transfer, ${options.rounds} rounds; load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);

interface Round {
  fsWrite: number;
  upload: number;
  curlUpload: number;
  fsRead: number;
  download: number;
  curlDownload: number;
  hashing: number;
}
const rows: Round[] = [];
// The first upload into a fresh server is counted here too: it is where memory grows most.
let peakRssGrowthMiB = 0;
try {
  for (let round = 0; round <= Number(options.rounds); round += 1) {
    const url = server.announced.replace(/\/graphql$/, '');
    const fsWrite = await timed(() => pipeline(source(), createWriteStream(scratch)));
    const id = await createImage(url, token);
    const before = rssKiB(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM, the peak RSS, to the current RSS
    const uploadSeconds = await timed(() => upload(url, token, id));
    const rssGrowthMiB = (rssKiB(pid, 'VmHWM') - before) / 1024;
    const curlId = hasCurl ? await createImage(url, token) : null;
    const curlUploadSeconds = curlId ? await timed(() => curlUpload(url, token, curlId, scratch)) : NaN;
    const fsRead = await timed(async () => {
      const { sink, bytes } = counter();
      await pipeline(createReadStream(scratch), sink);
      if (bytes() !== totalBytes) throw new Error(`fs read ${bytes()} bytes`);
    });
    const downloadSeconds = await timed(async () => {
      const bytes = await download(url, token, id);
      if (bytes !== totalBytes) throw new Error(`download gave ${bytes} bytes`);
    });
    const curlDownloadSeconds = hasCurl ? await timed(() => curlDownload(url, token, id)) : NaN;
    rmSync(scratch);
    for (const stored of [id, curlId]) if (stored) rmSync(join(dataDir, 'images', stored));
    peakRssGrowthMiB = Math.max(peakRssGrowthMiB, rssGrowthMiB);
    const row: Round = {
      fsWrite, upload: uploadSeconds, curlUpload: curlUploadSeconds,
      fsRead, download: downloadSeconds, curlDownload: curlDownloadSeconds, hashing: hashCeilingSeconds(),
    };
    if (round > 0) rows.push(row);
    const vs = (seconds: number, baseline: number) => (Number.isNaN(seconds) ? 'no curl' : `${rate(seconds)} (ratio ${(baseline / seconds).toFixed(2)})`);
    console.log(
      `${round === 0 ? 'warm-up' : `round ${round}`}: fs write ${rate(fsWrite)}, upload ${vs(uploadSeconds, fsWrite)}, ` +
        `curl upload ${vs(curlUploadSeconds, fsWrite)}; fs read ${rate(fsRead)}, download ${vs(downloadSeconds, fsRead)}, ` +
        `curl download ${vs(curlDownloadSeconds, fsRead)}; md5+sha512 alone ${rate(row.hashing)}; ` +
        `server peak RSS growth during upload ${rssGrowthMiB.toFixed(1)} MiB`,
    );
  }
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const pick = (key: keyof Round) => median(rows.map((row) => row[key]));
const report = (label: string, key: keyof Round, baseline: keyof Round) => {
  if (Number.isNaN(pick(key))) return console.log(`  ${label}: not measured (curl is not installed)`);
  const ratio = pick(baseline) / pick(key);
  console.log(`  ${label}: ${rate(pick(key))} vs fs pipe ${rate(pick(baseline))} -> ratio ${ratio.toFixed(2)} (goal >= 0.8)`);
};
console.log(`\nmedian of ${rows.length} rounds:`);
report('upload, node:http client  ', 'upload', 'fsWrite');
report('upload, curl              ', 'curlUpload', 'fsWrite');
const fastestUpload = Math.min(pick('upload'), hasCurl ? pick('curlUpload') : Infinity);
console.log(`  fastest upload vs md5+sha512 alone on one core (${rate(pick('hashing'))}): ${(pick('hashing') / fastestUpload).toFixed(2)}`);
report('download, node:http client', 'download', 'fsRead');
report('download, curl            ', 'curlDownload', 'fsRead');
console.log(`  server peak RSS growth during an upload: ${peakRssGrowthMiB.toFixed(1)} MiB at most, warm-up included (goal < 64 MiB)`);
