// The command line: finds the command (`serve` when none is named), reads its options against the command table
// (src/cli/commands.ts) and runs it. The only place that reads argv.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMANDS, COMMON_OPTIONS, UsageError, type Command, type CommandInput, type OptionSpec } from './cli/commands.js';
import { commandHelp, commandList, optionLabel } from './cli/help.js';
import { ConfigError } from './config/index.js';
import { WorkerStartError } from './http/workers.js';
import { DatabaseUnreachableError } from './persistence/index.js';
import { PolicyFileError } from './policy/index.js';

async function main(argv: string[]): Promise<void> {
  const [name = 'serve', ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') return console.log(commandList());
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const input = readArguments(command, rest);
  if (input.values.help) return console.log(commandHelp(command));
  await command.run(input);
}

function readArguments(command: Command, args: string[]): CommandInput {
  const specs = { ...command.options, ...COMMON_OPTIONS };
  const options: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
    Object.entries(specs).map(([name, { type, default: given }]) => [name, { type, ...(given === undefined ? {} : { default: given }), ...(name === 'help' ? { short: 'h' } : {}) }]),
  );
  try {
    // No option is declared `multiple`, so no value is a list.
    return parseArgs({ args, options, strict: true, allowPositionals: command.positionals ?? false }) as CommandInput;
  } catch (error) {
    throw new UsageError(argumentProblem(error as Error & { code?: string }, command, specs), command);
  }
}

/** parseArgs' complaint in the operator's terms, naming the options the command does take. */
function argumentProblem(error: Error & { code?: string }, command: Command, specs: Record<string, OptionSpec>): string {
  const valid = Object.entries(specs).map(([name, spec]) => optionLabel(name, spec)).join(', ');
  const given = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${given} for ${command.name}; its options are ${valid}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${command.name} takes no argument "${given}"; its options are ${valid}`;
    default:
      return error.message;
  }
}

// The operator's own input (configuration, policy file, command line) gets its message without a stack trace.
main(process.argv.slice(2)).catch((error: unknown) => {
  const operatorFacing = [ConfigError, PolicyFileError, DatabaseUnreachableError, WorkerStartError];
  if (operatorFacing.some((kind) => error instanceof kind)) console.error((error as Error).message);
  else if (error instanceof UsageError) console.error(`${error.message}\n${error.command ? commandHelp(error.command) : commandList()}`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
