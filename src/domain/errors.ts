// Typed failures of Glance's rules. Each carries the stable code clients see; graphql/ and http/ map it once.

export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT' | 'PAYLOAD_TOO_LARGE';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** The HTTP status Glance answers for the same failure, used by the byte endpoints. */
  abstract readonly httpStatus: number;
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly httpStatus = 401;
}

/** The caller may see the resource but not do this to it (Glance's 403). */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly httpStatus = 403;
}

/** The resource does not exist, or the caller may not see it (Glance's 404). */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly httpStatus = 404;
}

/** The resource's current state forbids the change (Glance's 409, and every status conflict). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  readonly httpStatus = 409;
}

/** The request itself is malformed (Glance's 400). */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly httpStatus = 400;
}

/** A size, count or quota limit was exceeded (Glance's 413). */
export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly httpStatus = 413;
}
