// The help texts: the list of commands, and each command's usage with its options.
import { COMMANDS, COMMON_OPTIONS, type Command, type OptionSpec } from './commands.js';

export function commandList(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'usage: glance-graphql <command> [options]   (npm run <command> -- [options])',
    'commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    'glance-graphql <command> --help shows the options of a command.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const options = Object.entries({ ...command.options, ...COMMON_OPTIONS }).map(([name, spec]) => [optionLabel(name, spec), optionText(spec)]);
  const width = Math.max(...options.map(([label]) => label!.length));
  return [
    `usage: glance-graphql ${command.name} ${command.synopsis}`.trimEnd(),
    command.summary,
    'options:',
    ...options.map(([label, text]) => `  ${label!.padEnd(width)}  ${text}`),
  ].join('\n');
}

/** `--older-than AGE`, `--dry-run`: how an option is written. */
export function optionLabel(name: string, spec: OptionSpec): string {
  return spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
}

function optionText(spec: OptionSpec): string {
  return spec.default === undefined ? spec.help : `${spec.help} (default ${spec.default})`;
}
