// Typed failures of Glance's rules. Each carries the stable code clients see; how a transport answers it (an
// HTTP status, say) is the transport's to decide.

/** Every code a domain failure can have, as clients see it in `extensions.code`. */
export const ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE', 'REQUEST_TIMEOUT', 'INSUFFICIENT_STORAGE', 'SERVICE_UNAVAILABLE'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** The caller may see the resource but not do this to it. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** The resource does not exist, or the caller may not see it. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** The resource's current state forbids the change, as every refused status transition does. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

/** The request itself is malformed. */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

/** A size, count or quota limit was exceeded. */
export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** The client sent too slowly: a transfer that fell below the minimum rate. */
export class RequestTimeoutError extends DomainError {
  readonly code = 'REQUEST_TIMEOUT';
}

/** The disk under the image store or the database is full: the change could not be kept. */
export class InsufficientStorageError extends DomainError {
  readonly code = 'INSUFFICIENT_STORAGE';
}

/** The database could not be reached while answering (a restart, say): nothing is wrong with the request; retry. */
export class DatabaseUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
}
