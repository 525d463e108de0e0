// The command line: serve | migrate | token | policy | tasks:*. The only place that reads argv and loads configuration.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { parseAge, purgeDeletedTasks, softDeleteExpiredTasks } from './domain/tasks/expired-task-removal.js';
import { loadJwtSecret, signToken } from './http/auth.js';
import { createLogger, startServer } from './http/start.js';
import { isWorkerProcess, reportListening, startWorkers, WorkerStartError } from './http/workers.js';
import { databaseOf, DatabaseUnreachableError, openDatabase } from './persistence/index.js';
import { createMigration } from './persistence/migration-author.js';
import { PolicyFileError, renderSampleFile } from './policy/index.js';

const USAGE = `usage: glance-graphql <command> [options]
  serve                         start the API server (default)
  migrate                       apply database migrations and exit
  token --user U --project P --roles r1,r2 [--expires 12h]
                                print a signed bearer token
  policy --sample               print every policy with its default rule, as a commented YAML file
  migration:create NAME         (developers) write a migration for entity changes, for the engine database_url names
  tasks:purge-expired           soft-delete every expired task now (the server's sweeper does this periodically)
  tasks:purge-deleted --older-than AGE
                                delete for good tasks soft-deleted more than AGE ago (e.g. 30d, 12h)
common options: --config PATH (or GLANCE_CONFIG)`;

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string' },
      user: { type: 'string' },
      project: { type: 'string' },
      roles: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      sample: { type: 'boolean', default: false },
      'older-than': { type: 'string' },
    },
    strict: true,
    allowPositionals: command === 'migration:create',
  });
  const config = () => loadConfig({ file: values.config ?? process.env.GLANCE_CONFIG ?? null });
  switch (command) {
    case 'serve':
      return serve(config());
    case 'migrate': {
      const db = await openDatabase(config());
      await db.close();
      console.log('migrations applied');
      return;
    }
    case 'token': {
      if (!values.user || !values.roles) throw new UsageError('token needs --user and --roles');
      const roles = values.roles.split(',').map((role) => role.trim()).filter(Boolean);
      const secret = loadJwtSecret(config());
      let token: string;
      try {
        token = await signToken(secret, { userId: values.user, projectId: values.project ?? null, roles, expiresIn: values.expires });
      } catch (error) {
        // jose refuses a duration it cannot read with a TypeError; no token is printed without an expiry.
        if (error instanceof TypeError) throw new UsageError(`--expires "${values.expires}" is not a duration such as 12h, 30d or 90m`);
        throw error;
      }
      console.log(token);
      return;
    }
    case 'policy':
      if (!values.sample) throw new UsageError('policy needs --sample');
      process.stdout.write(renderSampleFile());
      return;
    case 'migration:create': {
      if (!positionals[0]) throw new UsageError('migration:create needs a NAME');
      const { fileName, statements } = await createMigration(positionals[0], databaseOf(config()));
      console.log(statements.length ? `wrote ${fileName}; list it in src/persistence/migrations/index.ts` : 'no changes');
      return;
    }
    case 'tasks:purge-expired': {
      const db = await openDatabase(config());
      const count = await softDeleteExpiredTasks(db.orm.em.fork(), new Date()).finally(() => db.close());
      console.log(`soft-deleted ${count} expired task(s)`);
      return;
    }
    case 'tasks:purge-deleted': {
      const age = parseAge(values['older-than'] ?? '');
      if (age === null) throw new UsageError('tasks:purge-deleted needs --older-than AGE, for example 30d, 12h or 90m');
      const db = await openDatabase(config());
      const count = await purgeDeletedTasks(db.orm.em.fork(), new Date(Date.now() - age)).finally(() => db.close());
      console.log(`deleted ${count} task(s) soft-deleted more than ${values['older-than']} ago`);
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config);
  if (config.workers > 1 && !isWorkerProcess()) {
    // The primary serves nothing itself; it prints the banner once every worker listens.
    // Generated (unless configured) before the workers start, so that they all read the one file.
    const jwtSecret = loadJwtSecret(config);
    const url = await startWorkers(config, logger);
    return printBanner(url, jwtSecret, config.workers);
  }
  const server = await startServer(config, logger, undefined, { migrate: !isWorkerProcess() });
  if (isWorkerProcess()) reportListening(server.url);
  else await printBanner(server.url, server.jwtSecret, 1);
  let stopping: Promise<void> | null = null;
  // A terminal's Ctrl-C reaches the workers as SIGINT and the primary then sends SIGTERM: stop once.
  const stop = (signal: string) => {
    stopping ??= (async () => {
      logger.info(`${signal} received, shutting down`);
      await server.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function printBanner(url: string, jwtSecret: Uint8Array, workers: number): Promise<void> {
  const admin = await signToken(jwtSecret, { userId: 'admin', projectId: 'admin', roles: ['admin'], expiresIn: '30d' });
  const member = await signToken(jwtSecret, { userId: 'demo', projectId: 'demo', roles: ['member'], expiresIn: '30d' });
  console.log(`
glance-graphql is serving ${url}/graphql${workers > 1 ? ` (${workers} worker processes)` : ''}
Development tokens (valid 30 days; send as "Authorization: Bearer <token>"):
  admin  (project admin, role admin):  ${admin}
  member (project demo, role member):  ${member}
`);
}

class UsageError extends Error {}

// The operator's own input (configuration, policy file, command line) gets its message without a stack trace.
main(process.argv.slice(2)).catch((error: unknown) => {
  const operatorFacing = [ConfigError, PolicyFileError, DatabaseUnreachableError, WorkerStartError];
  if (operatorFacing.some((kind) => error instanceof kind)) console.error((error as Error).message);
  else if (error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')) console.error(`${(error as Error).message}\n${USAGE}`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
