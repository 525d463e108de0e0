// The command line: serve | migrate | token | policy. The only place that reads argv and loads configuration.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { loadJwtSecret, signToken } from './http/auth.js';
import { createLogger, startServer } from './http/start.js';
import { openDatabase } from './persistence/index.js';
import { createMigration } from './persistence/migration-author.js';
import { renderSampleFile } from './policy/index.js';

const USAGE = `usage: glance-graphql <command> [options]
  serve                         start the API server (default)
  migrate                       apply database migrations and exit
  token --user U --project P --roles r1,r2 [--expires 12h]
                                print a signed bearer token
  policy --sample               print every policy with its default rule, as a commented YAML file
  migration:create NAME         (developers) write a migration for entity changes
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
      console.log(await signToken(loadJwtSecret(config()), { userId: values.user, projectId: values.project ?? null, roles, expiresIn: values.expires }));
      return;
    }
    case 'policy':
      if (!values.sample) throw new UsageError('policy needs --sample');
      process.stdout.write(renderSampleFile());
      return;
    case 'migration:create': {
      if (!positionals[0]) throw new UsageError('migration:create needs a NAME');
      const { fileName, statements } = await createMigration(positionals[0]);
      console.log(statements.length ? `wrote ${fileName}; list it in src/persistence/migrations/index.ts` : 'no changes');
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  const admin = await signToken(server.jwtSecret, { userId: 'admin', projectId: 'admin', roles: ['admin'], expiresIn: '30d' });
  const member = await signToken(server.jwtSecret, { userId: 'demo', projectId: 'demo', roles: ['member'], expiresIn: '30d' });
  console.log(`
glance-graphql is serving ${server.url}/graphql
Development tokens (valid 30 days; send as "Authorization: Bearer <token>"):
  admin  (project admin, role admin):  ${admin}
  member (project demo, role member):  ${member}
`);
  const stop = async (signal: string) => {
    logger.info(`${signal} received, shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(`${(error as Error).message}\n${USAGE}`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
