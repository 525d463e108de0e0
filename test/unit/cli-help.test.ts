// Every command's --help names each option it accepts, so the help cannot fall behind the parser.
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMON_OPTIONS } from '../../src/cli/commands.js';
import { commandHelp, optionLabel } from '../../src/cli/help.js';

describe('command help', () => {
  it.each(COMMANDS.map((command) => [command.name, command] as const))('%s --help lists its options', (name, command) => {
    const help = commandHelp(command);
    expect(help.startsWith(`usage: glance-graphql ${name}`)).toBe(true);
    for (const [option, spec] of Object.entries({ ...command.options, ...COMMON_OPTIONS })) expect(help).toContain(optionLabel(option, spec));
  });
});
