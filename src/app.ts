// The composition root: the one place that builds the service's parts and wires them together — the process-wide
// ones once (database, policies, image store, task executor and sweeper) and a request's own for each caller.
// The HTTP layer, the CLI and the tests all start from here.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { systemClock, type Clock } from './domain/clock.js';
import type { Identity } from './domain/identity.js';
import { Access } from './domain/image-access.js';
import { repairInterruptedUploads } from './domain/images/image-data-intake.js';
import { ImageDataService } from './domain/images/image-data.service.js';
import { createImageLoaders, type ImageLoaders } from './domain/images/image-loaders.js';
import { ImageService } from './domain/images/image.service.js';
import { PropertyLoader } from './domain/images/property-loader.js';
import { LocationService } from './domain/locations/location.service.js';
import { CallerMemberships } from './domain/members/caller-memberships.js';
import { MemberService } from './domain/members/member.service.js';
import { TaskExecutor } from './domain/tasks/task-executor.js';
import { TaskService } from './domain/tasks/task.service.js';
import { TaskSweeper } from './domain/tasks/task-sweeper.js';
import { openDatabase, type Database } from './persistence/index.js';
import { PolicyEnforcer } from './policy/index.js';
import { FilesystemStore } from './store/index.js';

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
  /** Starts the background work (the expired-task sweeper); call once the server serves requests. */
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
}

export interface AppOptions {
  logger: Logger;
  /** What task expiry is measured against; tests pass one they can move. */
  clock?: Clock;
}

/** Opens the database (applying migrations), loads the policies and repairs what a crash left behind. */
export async function createApp(config: Config, { logger, clock = systemClock }: AppOptions): Promise<App> {
  const db = await openDatabase(config, { now: () => clock.now() });
  const policy = await PolicyEnforcer.create({ policyFile: config.policy_file, logger, watch: true }).catch(async (error) => {
    await db.close();
    throw error;
  });
  const store = new FilesystemStore(join(config.data_dir, 'images'));
  const repaired = await repairInterruptedUploads(db.orm.em.fork(), store);
  if (repaired.length) logger.warn({ images: repaired }, 'uploads interrupted by the last shutdown were undone; the images are QUEUED again');
  const tasks = new TaskExecutor({ orm: db.orm, config, clock, logger, store });
  await tasks.failInterruptedTasks();
  const sweeper = new TaskSweeper({ orm: db.orm, clock, logger, intervalSeconds: config.task_sweep_interval });
  return {
    config,
    logger,
    clock,
    db,
    policy,
    store,
    tasks,
    startBackgroundWork: () => sweeper.start(),
    async close() {
      await tasks.stop();
      await sweeper.stop();
      policy.close();
      await db.close();
    },
  };
}

export function createRequestServices(app: App, identity: Identity): RequestServices {
  const { config, store } = app;
  const em = app.db.orm.em.fork();
  const memberships = new CallerMemberships(em, identity.projectId);
  const properties = new PropertyLoader(em);
  const access = new Access(app.policy, identity, memberships, properties);
  const loaders = createImageLoaders(em, access, properties);
  const images = new ImageService({ em, config, access, loaders, store });
  const imageData = new ImageDataService({ em, config, access, loaders, store });
  const members = new MemberService({ em, config, access, images, memberships });
  const locations = new LocationService({ em, config, access, loaders, store });
  const tasks = new TaskService({ em, config, access, clock: app.clock, images, queue: app.tasks });
  return { config, access, loaders, images, imageData, locations, members, tasks };
}
