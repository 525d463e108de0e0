// The JSON error shape of GraphQL responses, used by every answer outside GraphQL too (byte endpoints, transport
// errors, shutdown), so clients read one shape everywhere.
import type { ErrorCode } from '../domain/errors.js';

export type HttpErrorCode = ErrorCode | 'INTERNAL_SERVER_ERROR';

export function errorBody(code: HttpErrorCode, message: string, requestId: string) {
  return { errors: [{ message, extensions: { code, requestId } }] };
}
