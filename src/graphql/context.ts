// What one GraphQL request works with: the caller and, for a caller with an identity, its services.
import { createRequestServices, type App, type RequestServices } from '../app.js';
import { UnauthenticatedError } from '../domain/errors.js';
import type { Identity } from '../domain/identity.js';

export interface GraphQLContext {
  /** Null only for an anonymous request, which may do nothing but introspection. */
  identity: Identity | null;
  /** The caller's services; using them without an identity is UNAUTHENTICATED. */
  services: RequestServices;
  /** Drops `services`; the next use makes new ones (nothing cached): a subscription reads each event afresh. */
  renewServices(): void;
  /** Set by the live transports: ends the caller's connection (a subscriber that stopped reading). */
  disconnect?(reason: string): void;
}

export function createGraphQLContext(app: App, identity: Identity | null, disconnect?: (reason: string) => void): GraphQLContext {
  // Made when first used: a subscriber whose event another subscriber read and resolved for it never needs them.
  let services: RequestServices | null = null;
  return {
    identity,
    get services() {
      return (services ??= identity ? createRequestServices(app, identity) : anonymousServices);
    },
    renewServices: () => void (services = null),
    disconnect,
  };
}

/** Stands in for an anonymous caller's services: any use of it is UNAUTHENTICATED. */
const anonymousServices = new Proxy({} as RequestServices, {
  get() {
    throw new UnauthenticatedError('authentication required: send Authorization: Bearer <token>');
  },
});
