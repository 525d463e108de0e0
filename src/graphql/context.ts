// Everything one GraphQL request works with: the caller, one entity-manager fork, one set of loaders, and the
// domain services built on them.
import type { Config } from '../config/index.js';
import { Access, type PolicyDecider } from '../domain/image-access.js';
import type { Clock } from '../domain/clock.js';
import { UnauthenticatedError } from '../domain/errors.js';
import type { Identity } from '../domain/identity.js';
import { createImageLoaders, type ImageLoaders } from '../domain/images/image-loaders.js';
import { PropertyLoader } from '../domain/images/property-loader.js';
import { ImageDataService } from '../domain/images/image-data.service.js';
import { ImageService } from '../domain/images/image.service.js';
import { LocationService } from '../domain/locations/location.service.js';
import { CallerMemberships } from '../domain/members/caller-memberships.js';
import { MemberService } from '../domain/members/member.service.js';
import { TaskService, type TaskQueue } from '../domain/tasks/task.service.js';
import type { Orm } from '../persistence/index.js';
import type { FilesystemStore } from '../store/index.js';

/** Long-lived parts of the server that every request shares. */
export interface AppServices {
  config: Config;
  orm: Orm;
  policy: PolicyDecider;
  /** Where image data is kept. */
  store: FilesystemStore;
  clock: Clock;
  /** Where accepted tasks are handed to the executor. */
  taskQueue: TaskQueue;
}

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

export interface GraphQLContext {
  /** Null only for an anonymous request, which may do nothing but introspection. */
  identity: Identity | null;
  /** The caller's services; using them without an identity is UNAUTHENTICATED. */
  services: RequestServices;
}

export function createRequestServices(app: AppServices, identity: Identity): RequestServices {
  const em = app.orm.em.fork();
  const memberships = new CallerMemberships(em, identity.projectId);
  const properties = new PropertyLoader(em);
  const access = new Access(app.policy, identity, memberships, properties);
  const loaders = createImageLoaders(em, access, properties);
  const images = new ImageService({ em, config: app.config, access, loaders, store: app.store });
  const imageData = new ImageDataService({ em, config: app.config, access, loaders, store: app.store });
  const members = new MemberService({ em, config: app.config, access, images, memberships });
  const locations = new LocationService({ em, config: app.config, access, loaders, store: app.store });
  const tasks = new TaskService({ em, config: app.config, access, clock: app.clock, images, queue: app.taskQueue });
  return { config: app.config, access, loaders, images, imageData, locations, members, tasks };
}

export function createGraphQLContext(app: AppServices, identity: Identity | null): GraphQLContext {
  return { identity, services: identity ? createRequestServices(app, identity) : anonymousServices };
}

/** Stands in for an anonymous caller's services: any use of it is UNAUTHENTICATED. */
const anonymousServices = new Proxy({} as RequestServices, {
  get() {
    throw new UnauthenticatedError('authentication required: send Authorization: Bearer <token>');
  },
});
