// The composition root: the one place that builds the service's parts and wires them together — the process-wide
// ones once (database, policies, image store, task executor and sweeper) and a request's own for each caller.
// The HTTP layer, the CLI and the tests all start from here.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { systemClock, type Clock } from './domain/clock.js';
import { exclusiveWork } from './domain/exclusive-work.js';
import type { Identity } from './domain/identity.js';
import { Access } from './domain/image-access.js';
import { ImageDataService } from './domain/images/image-data.service.js';
import { createImageLoaders, type ImageLoaders } from './domain/images/image-loaders.js';
import { ImageService } from './domain/images/image.service.js';
import type { ChangeBus } from './domain/live/change-events.js';
import { publishChanges } from './domain/live/change-publication.js';
import { openChangeBus } from './domain/live/change-transports.js';
import { createDeliveryGate, type DeliveryGate } from './domain/live/delivery-gate.js';
import { createSharedReads, type SharedReads } from './domain/live/shared-reads.js';
import { LiveChanges } from './domain/live/live-changes.js';
import { PropertyLoader } from './domain/images/property-loader.js';
import { TagsAndProperties } from './domain/images/tags-and-properties.js';
import { LocationService } from './domain/locations/location.service.js';
import { CallerMemberships } from './domain/members/caller-memberships.js';
import { MemberService } from './domain/members/member.service.js';
import { TaskExecutor } from './domain/tasks/task-executor.js';
import { TaskService } from './domain/tasks/task.service.js';
import { createTaskSweeper, SWEEP_WORK } from './domain/tasks/task-sweeper.js';
import type { LeaseHolder } from './domain/work-lease.js';
import { createWorkRecovery } from './domain/work-recovery.js';
import { databaseOf, openDatabase, type Database, type StatementObserver } from './persistence/index.js';
import { PolicyEnforcer } from './policy/index.js';
import { FilesystemStore, type StoreTraffic } from './store/index.js';

/** The process-wide parts every request shares. */
export interface App {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Database;
  policy: PolicyEnforcer;
  /** Where image data is kept. */
  store: FilesystemStore;
  /** Runs accepted tasks in the background. */
  tasks: TaskExecutor;
  /** This process's claim on the work it does (uploads, tasks, the sweep). */
  lease: LeaseHolder;
  /** Where committed changes of images and tasks are published for live subscribers. */
  changes: ChangeBus;
  /** How many live-update deliveries read at once. */
  deliveries: DeliveryGate;
  /** The live-update reads in progress, which equal subscribers of one event share. */
  sharedReads: SharedReads;
  /** Starts the background work (the expired-task sweeper, the recovery of work whose process died). */
  startBackgroundWork(): void;
  /** Stops the background work and closes the policy watcher and the database. */
  close(): Promise<void>;
}

/** One caller's services, all on one entity-manager fork with one set of batch loaders. */
export interface RequestServices {
  config: Config;
  access: Access;
  loaders: ImageLoaders;
  images: ImageService;
  imageData: ImageDataService;
  locations: LocationService;
  members: MemberService;
  tasks: TaskService;
  live: LiveChanges;
}

export interface AppOptions {
  logger: Logger;
  /** What task expiry is measured against; tests pass one they can move. */
  clock?: Clock;
  /** Whether to apply pending migrations (a worker of several leaves that to the primary). */
  migrate?: boolean;
  /** Told about every SQL statement and every byte into or out of the image store; none when metrics are off. */
  metrics?: AppMetrics;
}

export interface AppMetrics {
  observeStatement: StatementObserver;
  storeTraffic: StoreTraffic;
}

/**
 * Opens the database (applying migrations), loads the policies and takes back the work of processes that died,
 * so far as their leases have lapsed.
 */
export async function createApp(config: Config, { logger, clock = systemClock, migrate = true, metrics }: AppOptions): Promise<App> {
  const db = await openDatabase(config, { now: () => clock.now(), migrate, onStatement: metrics?.observeStatement });
  const policy = await PolicyEnforcer.create({ policyFile: config.policy_file, logger, watch: true }).catch(async (error) => {
    await db.close();
    throw error;
  });
  const changes = await openChangeBus(databaseOf(config), db.orm, logger).catch(async (error: unknown) => {
    policy.close();
    await db.close();
    throw error;
  });
  publishChanges(db.orm, changes.bus);
  const store = new FilesystemStore(join(config.data_dir, 'images'), metrics?.storeTraffic);
  const lease: LeaseHolder = { owner: randomUUID(), seconds: config.work_lease_seconds };
  const tasks = new TaskExecutor({ orm: db.orm, config, clock, logger, store, lease });
  const recovery = createWorkRecovery({ orm: db.orm, store, tasks, lease, logger });
  await recovery.runNow();
  const alone = exclusiveWork(SWEEP_WORK, { location: databaseOf(config), orm: db.orm, lease, logger });
  const sweeper = createTaskSweeper({ orm: db.orm, clock, logger, alone, intervalSeconds: config.task_sweep_interval });
  return {
    config,
    logger,
    clock,
    db,
    policy,
    store,
    tasks,
    lease,
    changes: changes.bus,
    deliveries: createDeliveryGate(),
    sharedReads: createSharedReads(),
    startBackgroundWork() {
      sweeper.start();
      recovery.start();
    },
    async close() {
      await tasks.stop();
      await recovery.stop();
      await sweeper.stop();
      policy.close();
      await changes.close();
      await db.close();
    },
  };
}

export function createRequestServices(app: App, identity: Identity): RequestServices {
  const { config, store, lease } = app;
  const em = app.db.orm.em.fork();
  const memberships = new CallerMemberships(em, identity.projectId);
  const tagsAndProperties = new TagsAndProperties(em);
  const properties = new PropertyLoader(tagsAndProperties);
  const access = new Access(app.policy, identity, memberships, properties);
  const loaders = createImageLoaders(em, access, tagsAndProperties, properties);
  const images = new ImageService({ em, config, access, loaders, store });
  const imageData = new ImageDataService({ em, config, access, loaders, store, lease });
  const members = new MemberService({ em, config, access, images, memberships });
  const locations = new LocationService({ em, config, access, loaders, store });
  const tasks = new TaskService({ em, config, access, clock: app.clock, images, queue: app.tasks, lease });
  const live = new LiveChanges({
    bus: app.changes, gate: app.deliveries, share: app.sharedReads, maxPendingEvents: config.max_pending_live_events, images, tasks,
  });
  return { config, access, loaders, images, imageData, locations, members, tasks, live };
}
