// The configuration model: Glance's option names, their defaults, and how each is validated.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DATABASE_URL_FORMS, parseDatabaseUrl } from './database-url.js';

/**
 * Every format the server knows (the domain's DiskFormat and ContainerFormat types are read off these lists), and
 * the defaults: all of them on. Glance 25.1 `[image_format] disk_formats`; `vhdx` has been a default since Newton.
 */
export const DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop'] as const;
export const CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'] as const;

const quota = z.number().int().min(-1);
const port = z.number().int().min(0).max(65535);
const byteSize = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** Glance's `workers`: `auto` is one per CPU, at most 8 (Glance's default); more than 64 is taken for a typo. */
const MAX_AUTO_WORKERS = 8;
const WORKERS_EXPECTED = 'must be a whole number from 1 to 64, or auto';
const workers = z
  .union([z.number().int(WORKERS_EXPECTED).min(1, WORKERS_EXPECTED).max(64, WORKERS_EXPECTED), z.literal('auto')], { error: WORKERS_EXPECTED })
  .transform((value) => (value === 'auto' ? Math.min(availableParallelism(), MAX_AUTO_WORKERS) : value));

const MAX_TASK_TTL_HOURS = 10 * 365 * 24;
// The longest a Node timer waits (2^31-1 ms); a longer one fires at once.
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
/** Seconds a Node timer can wait; each option adds its own lower bound. */
const timerSeconds = z.number().max(MAX_TIMER_SECONDS, `must be at most ${MAX_TIMER_SECONDS} seconds (about 24.8 days)`);

/** `user_storage_quota` as Glance writes it: digits with an optional B/KB/MB/GB/TB suffix (1024 steps); 0 = off. */
const storageQuota = z
  .union([z.number().int().min(0), z.string().regex(/^\d+(B|KB|MB|GB|TB)?$/, 'digits with an optional B, KB, MB, GB or TB suffix')])
  .transform((value) => {
    if (typeof value === 'number') return value;
    const match = /^(\d+)(B|KB|MB|GB|TB)?$/.exec(value)!;
    const exponent = ['B', 'KB', 'MB', 'GB', 'TB'].indexOf(match[2] ?? 'B');
    return Number(match[1]) * 1024 ** exponent;
  });

/** A browser origin exactly as the Origin header sends it: scheme, host and port only (`https://app.example.com`). */
const origin = z.string().refine((value) => URL.canParse(value) && new URL(value).origin === value, {
  message: 'each must be an origin such as https://app.example.com: scheme, host and optional port, no path or trailing slash',
});

export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(4000),
    data_dir: z.string().min(1).default('./data'),
    database_url: z.string().refine((url) => parseDatabaseUrl(url) !== null, `must be ${DATABASE_URL_FORMS}`).nullable().default(null),
    workers: workers.default(1),
    jwt_secret: z.string().min(32, 'must be at least 32 characters').nullable().default(null),
    auth_strategy: z.enum(['jwt', 'trusted-headers']).default('jwt'),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    policy_file: z.string().min(1).nullable().default(null),
    // The GraphQL IDE page at / and at /graphql for browsers.
    graphiql: z.boolean().default(true),
    metrics: z.boolean().default(true),

    show_multiple_locations: z.boolean().default(false),
    show_image_direct_url: z.boolean().default(false),
    disk_formats: z.array(z.enum(DISK_FORMATS)).min(1).default([...DISK_FORMATS]),
    container_formats: z.array(z.enum(CONTAINER_FORMATS)).min(1).default([...CONTAINER_FORMATS]),

    image_size_cap: byteSize.default(1024 ** 4),
    user_storage_quota: storageQuota.default(0),
    image_member_quota: quota.default(128),
    image_property_quota: quota.default(128),
    image_tag_quota: quota.default(128),
    image_location_quota: quota.default(10),
    limit_param_default: z.number().int().min(1).default(25),
    api_limit_max: z.number().int().min(1).default(1000),

    // Hours; capped at ten years so every expiry (finish time + TTL) is a valid date.
    task_time_to_live: z.number().positive().max(MAX_TASK_TTL_HOURS, `must be at most ${MAX_TASK_TTL_HOURS} hours (ten years)`).default(48),
    // Seconds; a timer waits at most 2^31-1 ms, and Node runs a longer interval every millisecond instead.
    task_sweep_interval: timerSeconds.positive().default(300),
    // Seconds a process holds an upload, a task or the sweep without renewing it; work whose holder died (kill -9,
    // a lost host) is taken back by any process within this time.
    work_lease_seconds: timerSeconds.min(1).default(30),

    // Seconds a client connection may sit idle (a stalled upload included) before it is closed; 0 waits forever.
    client_socket_timeout: timerSeconds.min(0).default(900),
    // Seconds a stopping server waits for requests in flight before it cuts their connections.
    shutdown_timeout: timerSeconds.min(0).default(30),
    // An upload or import that brings fewer than upload_min_rate bytes per second (0: no minimum) over a window of
    // upload_rate_window seconds fails, so a drip-fed transfer cannot hold its image indefinitely.
    upload_min_rate: z.number().int().min(0).default(1024),
    upload_rate_window: timerSeconds.min(1).default(60),

    // Browser origins (other than the server's own) whose frontends may call the API; none by default.
    cors_allowed_origin: z.array(origin).default([]),

    // Live updates: subscriptions one WebSocket or SSE connection may hold at once.
    max_subscriptions_per_connection: z.number().int().min(1).default(100),
    // Live updates: events a subscription may hold undelivered (its subscriber stopped reading) before its
    // connection is closed, so a slow consumer is disconnected rather than buffered without bound.
    max_pending_live_events: z.number().int().min(1).default(1_000),

    allowed_schemes: z.array(z.string().min(1)).default(['http', 'https']),
    disallowed_schemes: z.array(z.string().min(1)).default([]),
    allowed_hosts: z.array(z.string().min(1)).default([]),
    disallowed_hosts: z.array(z.string().min(1)).default([]),
    allowed_ports: z.array(port).default([80, 443]),
    disallowed_ports: z.array(port).default([]),
  })
  .strict()
  .refine((config) => config.limit_param_default <= config.api_limit_max, {
    message: 'must not exceed api_limit_max',
    path: ['limit_param_default'],
  })
  .refine((config) => config.workers === 1 || !isInMemoryDatabase(config.database_url), {
    message: 'needs a database file or PostgreSQL: an in-memory SQLite database (sqlite::memory:) belongs to one process',
    path: ['workers'],
  });

function isInMemoryDatabase(url: string | null): boolean {
  const database = url === null ? null : parseDatabaseUrl(url);
  return database?.engine === 'sqlite' && database.path === ':memory:';
}

export type Config = Readonly<z.output<typeof configSchema>>;
