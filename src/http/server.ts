// The HTTP server: /graphql (Apollo on Fastify), health probes, and a uniform JSON shape for transport errors.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import Fastify, { LogController } from 'fastify';
import { GraphQLError } from 'graphql';
import type { App } from '../app.js';
import { DomainError } from '../domain/errors.js';
import { isReady } from '../domain/readiness.js';
import { anonymousIntrospectionOnly } from '../graphql/anonymous.plugin.js';
import { createGraphQLContext, type GraphQLContext } from '../graphql/context.js';
import { createErrorFormatter } from '../graphql/errors.js';
import { jitGateway } from '../graphql/jit-executor.js';
import { graphqlMetricsPlugin } from '../graphql/metrics.plugin.js';
import { refuseUnstorableText } from '../graphql/unstorable-text.plugin.js';
import { subscriptionsOverHttpRefused } from '../graphql/subscriptions-over-http.plugin.js';
import { buildSchema } from '../graphql/schema.js';
import { noteGraphQLOperation, registerAccessLog } from './access-log.js';
import type { Authenticator } from './auth.js';
import { registerCors } from './cors.js';
import { HTTP_STATUS } from './http-status.js';
import { errorBody } from './error-body.js';
import { registerGracefulStop } from './graceful-stop.js';
import { registerIdePage } from './ide-page.js';
import { registerImageDataRoutes } from './image-data-routes.js';
import type { Metrics } from './metrics.js';
import { currentRequest, noteCaller, requestIdFor } from './request-scope.js';
import { registerVersions } from './versions.js';
import { serveLiveUpdates } from './live-updates.js';

export interface HttpServerDeps {
  app: App;
  authenticator: Authenticator;
  /** Null when `metrics` is off. */
  metrics: Metrics | null;
}

/**
 * Request-shape limits: deep, heavily aliased or oversized queries are refused before they run.
 * No cost limit: graphql-armor's multiplies a field's cost by its `first` only when `first` is a literal (validation
 * never sees variables), so it refused a literal page of api_limit_max yet let the same page through as a variable.
 * A request's work is bounded without it: each list caps `first` at api_limit_max, the lists inside an image are
 * held to the image quotas, and depth, aliases, directives and tokens cap how many lists one request can name.
 */
const armor = new ApolloArmor({
  maxDepth: { n: 12 },
  maxAliases: { n: 15 },
  costLimit: { enabled: false },
  maxDirectives: { n: 50 },
  // Token counting is left to graphql-js (parseOptions below), whose syntax errors keep HTTP 400.
  maxTokens: { enabled: false },
  // "Did you mean ...?" helps whoever writes a query, and hides nothing: introspection is open anyway.
  blockFieldSuggestion: { enabled: false },
});

export async function createHttpServer(deps: HttpServerDeps) {
  const { config, logger } = deps.app;
  const server = Fastify({
    loggerInstance: logger,
    // The access log writes one line per request itself (access-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => requestIdFor(request.headers),
    // The logger adds the request id to every line written while the request is served, this one's included.
    childLoggerFactory: (logger, _bindings, options) => logger.child({}, options),
    bodyLimit: 1024 * 1024,
    // Glance's client_socket_timeout: an idle connection (an upload whose client stopped sending) is closed, and
    // the upload fails like any other, rather than holding its image in SAVING for ever.
    connectionTimeout: config.client_socket_timeout * 1000,
    // graceful-stop.ts answers requests that arrive while stopping, in our error shape.
    return503OnClosing: false,
  });
  const protection = armor.protect();
  registerAccessLog(server);
  registerGracefulStop(server);
  const authenticator: Authenticator = async (headers) => {
    const identity = await deps.authenticator(headers);
    noteCaller(identity);
    return identity;
  };
  deps.metrics?.register(server, deps.app.db.orm);
  const idePage = await registerIdePage(server, config.graphiql, logger);
  const schema = buildSchema();
  const apollo = new ApolloServer<GraphQLContext>({
    // Queries and mutations run compiled (jit-executor.ts); the schema comes with it.
    gateway: jitGateway(schema),
    formatError: createErrorFormatter(logger, () => currentRequest()?.requestId),
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: 5_000 },
    introspection: true,
    // main.ts stops the whole server on SIGINT/SIGTERM; Apollo's own handler would re-raise the signal and end the
    // process before uploads and the database are put in order.
    stopOnTerminationSignals: false,
    plugins: [
      fastifyApolloDrainPlugin(server),
      idePage,
      // No HTTP caching hints are served, so skip the per-field bookkeeping that computes them.
      ApolloServerPluginCacheControlDisabled(),
      // A subgraph would otherwise trace every field for Apollo's usage reporting, which this service never sends.
      ApolloServerPluginInlineTraceDisabled(),
      anonymousIntrospectionOnly,
      subscriptionsOverHttpRefused,
      refuseUnstorableText,
      noteGraphQLOperation,
      ...(deps.metrics ? [graphqlMetricsPlugin(deps.metrics.graphql)] : []),
      ...(protection.plugins as ApolloServerPlugin<GraphQLContext>[]),
    ],
    validationRules: [...protection.validationRules],
  });
  await apollo.start();

  server.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT';
    const message = status >= 500 ? 'Internal server error' : error.message;
    return reply.status(status).send(errorBody(code, message, request.id));
  });

  await registerCors(server, config);
  await server.register(fastifyApollo(apollo), {
    context: async (request) => createGraphQLContext(deps.app, await authenticate(authenticator, request.raw.headersDistinct)),
  });
  await registerImageDataRoutes(server, { ...deps, authenticator });
  registerVersions(server);
  serveLiveUpdates(server, { ...deps, schema, validationRules: protection.validationRules });
  server.get('/healthz', async () => ({ status: 'ok' }));
  server.get('/readyz', async (_request, reply) => {
    const ready = await isReady(deps.app.db.orm, deps.app.lease);
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'database unavailable or full' });
  });
  return server;
}

/** A bad token fails the whole request with HTTP 401 and UNAUTHENTICATED, before anything executes. */
async function authenticate(authenticator: Authenticator, headers: Parameters<Authenticator>[0]) {
  try {
    return await authenticator(headers);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: HTTP_STATUS[error.code] } } });
    }
    throw error;
  }
}
