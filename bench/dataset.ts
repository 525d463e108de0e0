// Generates a benchmark data set: N images with tags and properties, written by bulk SQL after the real migrations,
// into a data dir's SQLite file or a PostgreSQL database (the same rows on both). Owners and visibilities repeat in a fixed pattern, so counts are exact:
// 40 of every 50 images are in the member's (project-a's) default list (its own, public ones, and one shared with
// it), the rest belong to other projects or are hidden, killed or deleted, so list queries have rows to skip. Everything else comes from a seeded generator,
// so the same N gives the same rows.
// Usage: tsx bench/dataset.ts --images 10000 --data-dir ./bench-data [--database-url postgresql://HOST/DB]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../src/config/index.js';
import { openDatabase, type Database } from '../src/persistence/index.js';
import { seededRandom } from '../test/helpers/seeded-random.js';

/** The project whose member the benchmarks act as. */
export const MEMBER_PROJECT = 'project-a';
const OTHER_PROJECTS = ['project-b', 'project-c', 'project-d', 'project-e', 'admin-project'];

interface Profile {
  owner: 'member' | 'other';
  visibility: 'public' | 'private' | 'shared' | 'community';
  /** Kept out of every default list (hidden, killed or soft-deleted); only the member's own images use it. */
  excluded?: 'hidden' | 'killed' | 'deleted';
  /** Another project's SHARED image that has MEMBER_PROJECT as a member, in this status. */
  sharedWithMember?: 'accepted' | 'pending';
}

const own = (visibility: Profile['visibility'], excluded?: Profile['excluded']): Profile => ({ owner: 'member', visibility, excluded });
const other = (visibility: Profile['visibility'], sharedWithMember?: Profile['sharedWithMember']): Profile => ({ owner: 'other', visibility, sharedWithMember });

/** Half the pattern: 10 own images, 9 public ones and 1 shared with the member by other projects are listed; 5 are not. */
const half = (gone: 'killed' | 'deleted'): Profile[] => [
  ...(['shared', 'shared', 'shared', 'shared', 'private', 'private', 'private', 'community', 'public', 'public'] as const).map((v) => own(v)),
  ...Array.from({ length: 9 }, () => other('public')),
  other('shared', 'accepted'),
  other('shared', 'pending'), other('private'), other('community'), own('shared', 'hidden'), own('private', gone),
];
const PROFILES: readonly Profile[] = [...half('killed'), ...half('deleted')];
const isListed = (profile: Profile) =>
  (profile.owner === 'member' || profile.visibility === 'public' || profile.sharedWithMember === 'accepted') && !profile.excluded;
const LISTED_PER_PERIOD = PROFILES.filter(isListed).length;

const TAGS = [
  'linux', 'windows', 'bsd', 'lts', 'stable', 'beta', 'nightly', 'gpu', 'cuda', 'arm64', 'x86_64', 'minimal', 'desktop',
  'server', 'hardened', 'fips', 'cloud-init', 'k8s-node', 'docker', 'database', 'web', 'ci', 'golden', 'deprecated',
  'eu-west', 'us-east', 'team-infra', 'team-data', 'team-ml', 'approved', 'scanned', 'uefi', 'bios', 'sriov', 'dpdk',
];
const PROPERTIES: readonly [string, readonly string[]][] = [
  ['os_distro', ['ubuntu', 'debian', 'centos', 'rocky', 'fedora', 'windows', 'freebsd']],
  ['os_version', ['22.04', '24.04', '12', '9', '40', '2022', '14.1']],
  ['architecture', ['x86_64', 'aarch64']],
  ['hw_disk_bus', ['virtio', 'scsi', 'ide']],
  ['hw_vif_model', ['virtio', 'e1000']],
  ['hw_firmware_type', ['uefi', 'bios']],
  ['hypervisor_type', ['kvm', 'qemu', 'hyperv']],
  ['os_require_quiesce', ['true', 'false']],
  ['hw_qemu_guest_agent', ['yes', 'no']],
  ['img_config_drive', ['optional', 'mandatory']],
  ['owner_specified.openstack.md5', ['d41d8cd98f00b204e9800998ecf8427e']],
  ['build_pipeline', ['packer-2025.11', 'packer-2026.02', 'diskimage-builder']],
];
const DISK_FORMATS = ['qcow2', 'qcow2', 'qcow2', 'raw', 'raw', 'vhdx', 'vmdk', 'iso'];
const STATUSES = [...Array<string>(17).fill('active'), 'queued', 'deactivated', 'importing'];
const MEMBER_STATUSES = ['accepted', 'accepted', 'pending', 'rejected'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per multi-row INSERT; stays well under SQLite's bound-variable limit. */
const CHUNK = 400;

export interface DatasetOptions {
  images: number;
  /** Seeds the generator (default 1). */
  seed?: number;
  /** The newest creation time (default now); images spread over the year before it. */
  now?: Date;
}

export interface DatasetSummary {
  images: number;
  tags: number;
  properties: number;
  members: number;
  /** How many images a member of MEMBER_PROJECT sees in the default list (no filter). */
  listedForMember: number;
}

/** How many of `images` generated images a member of MEMBER_PROJECT sees in the default list. */
export function listedForMember(images: number): number {
  const whole = Math.floor(images / PROFILES.length) * LISTED_PER_PERIOD;
  return whole + PROFILES.slice(0, images % PROFILES.length).filter(isListed).length;
}

/** Writes the data set into an open database (in one transaction). */
export async function insertDataset(db: Database, { images, seed = 1, now = new Date() }: DatasetOptions): Promise<DatasetSummary> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const imageRows: Record<string, unknown>[] = [];
  const tagRows: Record<string, unknown>[] = [];
  const propertyRows: Record<string, unknown>[] = [];
  const memberRows: Record<string, unknown>[] = [];
  // Dates, which each driver binds as its engine stores them (milliseconds on SQLite, timestamptz on PostgreSQL).
  const at = (ms: number) => new Date(ms);
  const member = (image_id: string, project: string, status: string, ms: number) =>
    memberRows.push({ image_id, member: project, status, created_at: at(ms), updated_at: at(ms), deleted: false, deleted_at: null });
  const start = now.getTime() - 365 * DAY_MS;
  let createdAt = start;
  for (let index = 0; index < images; index += 1) {
    const profile = PROFILES[index % PROFILES.length]!;
    const id = uuid(random);
    const status = profile.excluded === 'killed' ? 'killed' : pick(STATUSES);
    const uploaded = status !== 'queued';
    // Every tenth image shares its predecessor's creation time, so the id tie-breaker matters.
    if (index % 10 !== 0) createdAt = start + Math.floor(((index + random()) / images) * 365 * DAY_MS);
    const distro = pick(PROPERTIES[0]![1]);
    imageRows.push({
      id,
      name: `${distro}-${pick(PROPERTIES[1]![1])}-${index}`,
      status,
      visibility: profile.visibility,
      protected: random() < 0.1,
      os_hidden: profile.excluded === 'hidden',
      owner: profile.owner === 'member' ? MEMBER_PROJECT : pick(OTHER_PROJECTS),
      disk_format: pick(DISK_FORMATS),
      container_format: random() < 0.9 ? 'bare' : 'ovf',
      size: uploaded ? Math.floor(random() * 20 * 1024 ** 3) : null,
      virtual_size: uploaded ? Math.floor(random() * 80 * 1024 ** 3) : null,
      min_disk: pick([0, 0, 10, 20, 40]),
      min_ram: pick([0, 0, 512, 1024, 2048]),
      checksum: uploaded ? hex(random, 32) : null,
      os_hash_algo: uploaded ? 'sha512' : null,
      os_hash_value: uploaded ? hex(random, 128) : null,
      created_at: at(createdAt),
      updated_at: at(createdAt + Math.floor(random() * 30 * DAY_MS)),
      deleted: profile.excluded === 'deleted',
      deleted_at: profile.excluded === 'deleted' ? at(createdAt + DAY_MS) : null,
    });
    if (profile.sharedWithMember) member(id, MEMBER_PROJECT, profile.sharedWithMember, createdAt);
    // The member's own shared images are shared with other projects, whose memberships its list must not match.
    if (profile.owner === 'member' && profile.visibility === 'shared') member(id, pick(OTHER_PROJECTS), pick(MEMBER_STATUSES), createdAt);
    for (const value of sample(random, TAGS, Math.floor(random() * 7))) tagRows.push({ image_id: id, value });
    for (const [name, values] of sample(random, PROPERTIES, Math.floor(random() * 9))) propertyRows.push({ image_id: id, name, value: pick(values) });
  }
  const knex = db.orm.em.getConnection().getKnex();
  const tables = [['images', imageRows], ['image_tags', tagRows], ['image_properties', propertyRows], ['image_members', memberRows]] as const;
  await knex.transaction(async (trx) => {
    for (const [table, rows] of tables) {
      for (let offset = 0; offset < rows.length; offset += CHUNK) await trx(table).insert(rows.slice(offset, offset + CHUNK));
    }
  });
  // The tables as autovacuum would soon leave them after a bulk insert: planner statistics, and rows marked
  // committed and all-visible, so the measured reads do not write those marks (and WAL) themselves.
  if (db.orm.em.getPlatform() instanceof PostgreSqlPlatform) {
    for (const [table] of tables) await knex.raw('vacuum analyze ??', [table]);
  }
  return { images, tags: tagRows.length, properties: propertyRows.length, members: memberRows.length, listedForMember: listedForMember(images) };
}

/**
 * Creates (or adds to) the SQLite database in data dir `where`, or the database a configuration names (SQLite or
 * PostgreSQL, e.g. a benchmark's from bench-database.ts), applying that engine's migrations first.
 */
export async function generateDataset(where: string | Config, options: DatasetOptions): Promise<DatasetSummary> {
  const db = await openDatabase(typeof where === 'string' ? loadConfig({ env: {}, overrides: { data_dir: where, log_level: 'silent' } }) : where);
  try {
    return await insertDataset(db, options);
  } finally {
    await db.close();
  }
}

/** `count` distinct values from `values`, in random order. */
function sample<T>(random: () => number, values: readonly T[], count: number): T[] {
  const pool = [...values];
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A version-4-shaped UUID from the seeded generator. */
function uuid(random: () => number): string {
  const digits = hex(random, 32).split('');
  digits[12] = '4';
  digits[16] = '89ab'[parseInt(digits[16]!, 16) % 4]!;
  const text = digits.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      images: { type: 'string', default: '10000' },
      'data-dir': { type: 'string', default: './bench-data' },
      'database-url': { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const url = values['database-url'];
  const config = loadConfig({ env: {}, overrides: { data_dir: values['data-dir'], database_url: url ?? null, log_level: 'silent' } });
  const summary = await generateDataset(config, { images: Number(values.images), seed: Number(values.seed) });
  console.log(`wrote ${summary.images} images (${summary.listedForMember} in ${MEMBER_PROJECT}'s list), ${summary.tags} tags, ${summary.properties} properties, ${summary.members} memberships to ${url ?? values['data-dir']}`);
}
