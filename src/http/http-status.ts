// The HTTP status each domain error code answers with, as Glance answers the same failure: the byte routes send
// it, and so does /graphql for a request refused before it runs (a bad token).
import type { ErrorCode } from '../domain/errors.js';

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
  PAYLOAD_TOO_LARGE: 413,
  REQUEST_TIMEOUT: 408,
  INSUFFICIENT_STORAGE: 507,
  SERVICE_UNAVAILABLE: 503,
};
