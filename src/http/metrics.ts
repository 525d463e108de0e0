// Prometheus metrics at /metrics (prom-client): HTTP requests, GraphQL operations and errors, image data moved,
// live tasks by status, SQL statement durations, and the process defaults. No label carries an id.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { countTasksByStatus } from '../domain/tasks/task-counts.js';
import type { GraphQLCounters } from '../graphql/metrics.plugin.js';
import type { Orm, StatementObserver } from '../persistence/index.js';
import type { StoreTraffic } from '../store/index.js';
import type { Server } from './fastify-server.js';

export class Metrics {
  readonly registry = new Registry();
  private readonly registers = [this.registry];

  private readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: this.registers,
  });
  readonly graphql: GraphQLCounters = {
    operations: new Counter({ name: 'graphql_operations_total', help: 'GraphQL operations by name, type and result', labelNames: ['operation', 'type', 'result'], registers: this.registers }),
    errors: new Counter({ name: 'graphql_errors_total', help: 'Errors in GraphQL responses by extensions.code', labelNames: ['code'], registers: this.registers }),
  };
  private readonly transferBytes = new Counter({
    name: 'glance_image_transfer_bytes_total',
    help: 'Image data bytes into the store (uploads, imports) and out of it (downloads)',
    labelNames: ['direction'],
    registers: this.registers,
  });
  private readonly statementDuration = new Histogram({
    name: 'glance_db_statement_duration_seconds',
    help: 'SQL statements by kind',
    labelNames: ['statement'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: this.registers,
  });

  readonly storeTraffic: StoreTraffic = {
    received: (bytes) => this.transferBytes.inc({ direction: 'in' }, bytes),
    sent: (bytes) => this.transferBytes.inc({ direction: 'out' }, bytes),
  };
  readonly observeStatement: StatementObserver = (seconds, kind) => this.statementDuration.observe({ statement: kind }, seconds);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Times every request, counts live tasks at each scrape, and serves GET /metrics. */
  register(server: Server, orm: Orm): void {
    new Gauge({
      name: 'glance_tasks',
      help: 'Live tasks (not expired or deleted) by status',
      labelNames: ['status'],
      registers: this.registers,
      async collect() {
        for (const [status, count] of Object.entries(await countTasksByStatus(orm.em.fork()))) this.set({ status }, count);
      },
    });
    server.addHook('onResponse', async (request, reply) => {
      // Unrouted paths share one label, so nobody can grow the series by requesting made-up URLs.
      const route = request.routeOptions.url ?? 'unmatched';
      this.requestDuration.observe({ route, method: request.method, status: reply.statusCode }, reply.elapsedTime / 1000);
    });
    server.get('/metrics', async (_request, reply) => reply.type(this.registry.contentType).send(await this.registry.metrics()));
  }
}
