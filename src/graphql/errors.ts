// One place maps failures to the codes clients see. Domain errors keep their message; Apollo Server's own request
// codes are kept (clients read them: Apollo Client's persisted-query link retries on PERSISTED_QUERY_NOT_FOUND);
// other refusals of a request are bad input; anything else is logged and masked.
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { databaseFailureForClient } from '../domain/database-contention.js';
import { DomainError, ERROR_CODES } from '../domain/errors.js';
import { storageFullError } from '../domain/storage-full.js';

const CLIENT_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
/** Apollo Server's codes for a request that could not be executed as sent. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface ErrorLogger {
  error(details: object, message: string): void;
}

/** `requestId` names the request being served, so a user's bug report finds its log lines. */
export function createErrorFormatter(logger: ErrorLogger, requestId: () => string | undefined) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answer = clientAnswer(logger, formatted, error);
    const id = requestId();
    return id ? { ...answer, extensions: { ...answer.extensions, requestId: id } } : answer;
  };
}

/** What the client is told; faults of the server are logged and masked. */
function clientAnswer(logger: ErrorLogger, formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = databaseFailureForClient(unwrapResolverError(error));
  if (cause instanceof DomainError) return withCode(formatted, cause.code, cause.message);
  const storageFull = storageFullError(cause);
  if (storageFull) {
    logger.error({ err: cause, path: formatted.path }, 'a GraphQL operation failed: no storage left');
    return withCode(formatted, storageFull.code, storageFull.message);
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return withCode(formatted, code, formatted.message);
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    // graphql-js parses recursively: a document nested thousands of levels deep overflows the stack while parsing.
    const message = causedByStackOverflow(error) ? 'the document nests too deeply to be read' : formatted.message;
    return withCode(formatted, code, message);
  }
  // A GraphQLError raised by graphql-js or a validation rule (armor limits, scalars) without a cause is the
  // client's request being refused, not a server fault.
  if (cause instanceof GraphQLError && !cause.originalError) return withCode(formatted, 'BAD_USER_INPUT', formatted.message);
  logger.error({ err: cause, path: formatted.path }, 'unexpected error while executing a GraphQL operation');
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function withCode(formatted: GraphQLFormattedError, code: string, message: string): GraphQLFormattedError {
  return { message, locations: formatted.locations, path: formatted.path, extensions: { code } };
}

function causedByStackOverflow(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause instanceof GraphQLError ? cause.originalError : undefined) {
    if (cause instanceof RangeError) return true;
  }
  return false;
}
