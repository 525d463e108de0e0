// The commands of glance-graphql: what each does, the options it takes (its --help is made from them) and how it
// runs. main.ts parses the command line against this table.
import { loadConfig, type Config } from '../config/index.js';
import { KNOWN_ROLES } from '../domain/identity.js';
import { DB_PURGE_STEPS, DELETED_TASKS, EXPIRED_TASKS } from '../domain/purge-steps.js';
import { parseAge } from '../domain/tasks/expired-task-removal.js';
import { loadJwtSecret, signToken, TokenLifetimeError } from '../http/auth.js';
import { databaseOf, openDatabase } from '../persistence/index.js';
import { createMigration } from '../persistence/migration-author.js';
import { renderSampleFile } from '../policy/index.js';
import { purge } from './purge.js';
import { serve } from './serve.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** The value's name in the help, e.g. AGE. */
  value?: string;
  help: string;
  default?: string;
}

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  /** What follows the command name in its usage line. */
  synopsis: string;
  options: Record<string, OptionSpec>;
  /** The positional arguments it takes, if any. */
  positionals?: boolean;
  run(input: CommandInput): Promise<void>;
}

/** A mistake on the command line: main.ts prints it with the help of `command` (or the list of commands). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', value: 'PATH', help: 'the configuration file (or GLANCE_CONFIG)' },
  help: { type: 'boolean', help: 'show this help' },
};

const config = (values: CommandInput['values']): Config =>
  loadConfig({ file: (values.config as string | undefined) ?? process.env.GLANCE_CONFIG ?? null });

const dryRun: OptionSpec = { type: 'boolean', help: 'count what would be removed, and remove nothing' };
const olderThan: OptionSpec = { type: 'string', value: 'AGE', help: 'how long ago the rows were deleted: 30d, 12h, 90m or 45s' };

/** The cutoff an --older-than AGE names, refusing anything that is not an age. */
function cutoffOf(command: Command, values: CommandInput['values']): Date {
  const age = parseAge((values['older-than'] as string | undefined) ?? '');
  if (age === null) throw new UsageError(`${command.name} needs --older-than AGE, for example 30d, 12h or 90m`, command);
  return new Date(Date.now() - age);
}

export const COMMANDS: readonly Command[] = [
  {
    name: 'serve',
    summary: 'start the API server (the default command)',
    synopsis: '',
    options: {},
    run: ({ values }) => serve(config(values)),
  },
  {
    name: 'migrate',
    summary: 'apply the database migrations and exit',
    synopsis: '',
    options: {},
    async run({ values }) {
      await (await openDatabase(config(values))).close();
      console.log('migrations applied');
    },
  },
  {
    name: 'token',
    summary: 'print a signed bearer token',
    synopsis: '--user ID --roles ROLE[,ROLE] [--project ID] [--expires DURATION]',
    options: {
      user: { type: 'string', value: 'ID', help: 'the user id (the sub claim)' },
      project: { type: 'string', value: 'ID', help: 'the project the token acts for (none: no project)' },
      roles: { type: 'string', value: 'ROLES', help: `comma-separated, of ${KNOWN_ROLES.join(', ')}` },
      expires: { type: 'string', value: 'DURATION', help: 'lifetime, such as 12h, 30d or 90m', default: '12h' },
    },
    async run({ values }) {
      const user = values.user as string | undefined;
      const rolesText = values.roles as string | undefined;
      if (!user || !rolesText) throw new UsageError('token needs --user and --roles', this);
      const roles = rolesText.split(',').map((role) => role.trim().toLowerCase()).filter(Boolean);
      const unknown = roles.filter((role) => !KNOWN_ROLES.includes(role));
      if (unknown.length) throw new UsageError(`unknown role ${unknown.map((role) => `"${role}"`).join(', ')}; the valid roles are ${KNOWN_ROLES.join(', ')}`, this);
      const expiresIn = values.expires as string;
      try {
        const secret = loadJwtSecret(config(values));
        console.log(await signToken(secret, { userId: user, projectId: (values.project as string | undefined) ?? null, roles, expiresIn }));
      } catch (error) {
        // jose refuses a duration it cannot read with a TypeError; no token is printed without an expiry.
        if (error instanceof TypeError) throw new UsageError(`--expires "${expiresIn}" is not a duration such as 12h, 30d or 90m`, this);
        if (error instanceof TokenLifetimeError) throw new UsageError(`--expires "${expiresIn}" is refused: ${error.message}`, this);
        throw error;
      }
    },
  },
  {
    name: 'policy',
    summary: 'print every policy with its default rule, as a commented YAML file',
    synopsis: '--sample',
    options: { sample: { type: 'boolean', help: 'print the sample policy file' } },
    async run({ values }) {
      if (!values.sample) throw new UsageError('policy needs --sample', this);
      process.stdout.write(renderSampleFile());
    },
  },
  {
    name: 'migration:create',
    summary: '(developers) write a migration for entity changes, for the engine database_url names',
    synopsis: 'NAME',
    options: {},
    positionals: true,
    async run({ values, positionals }) {
      if (!positionals[0]) throw new UsageError('migration:create needs a NAME', this);
      const { fileName, statements } = await createMigration(positionals[0], databaseOf(config(values)));
      console.log(statements.length ? `wrote ${fileName}; list it in src/persistence/migrations/index.ts` : 'no changes');
    },
  },
  {
    name: 'tasks:purge-expired',
    summary: 'soft-delete every expired task now (the server sweeps them periodically)',
    synopsis: '[--dry-run]',
    options: { 'dry-run': dryRun },
    run: ({ values }) => purge(config(values), [EXPIRED_TASKS], new Date(), Boolean(values['dry-run'])),
  },
  {
    name: 'tasks:purge-deleted',
    summary: 'delete for good the tasks soft-deleted more than AGE ago',
    synopsis: '--older-than AGE [--dry-run]',
    options: { 'older-than': olderThan, 'dry-run': dryRun },
    run({ values }) {
      return purge(config(values), [DELETED_TASKS], cutoffOf(this, values), Boolean(values['dry-run']));
    },
  },
  {
    name: 'db:purge',
    summary: 'delete for good the images (with members, tags, properties, locations) and tasks deleted more than AGE ago',
    synopsis: '--older-than AGE [--dry-run]',
    options: { 'older-than': olderThan, 'dry-run': dryRun },
    run({ values }) {
      return purge(config(values), DB_PURGE_STEPS, cutoffOf(this, values), Boolean(values['dry-run']));
    },
  },
];
