// A commented sample policy file, in the layout of oslo.policy's sample generator.
import { POLICY_DEFAULTS } from './defaults.js';

const WIDTH = 100;

const HEADER = [
  'Policy rules for glance-graphql, in the oslo.policy rule language with Glance\'s policy names.',
  'Each rule below shows its default. Uncomment a rule and change its check string to override it;',
  'rules left out (or commented) keep their defaults. The file may also be written as JSON.',
  'A file that sets no rule at all is refused (it may be a save caught halfway); to use every default, write {}.',
];

/** Every line is a comment, so the file as generated sets nothing: uncomment at least one rule to use it. */
export function renderSampleFile(): string {
  const blocks = [HEADER.map((line) => `# ${line}`).join('\n')];
  for (const policy of POLICY_DEFAULTS) {
    const lines = comment(policy.description);
    if (policy.operations.length > 0) lines.push(...comment(`Operations: ${policy.operations.join(', ')}`));
    // JSON string syntax is valid YAML, so an uncommented line is a valid entry whatever the check contains.
    lines.push(`#${JSON.stringify(policy.name)}: ${JSON.stringify(policy.check)}`);
    blocks.push(lines.join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

function comment(text: string): string[] {
  return wrap(text).map((line) => `# ${line}`);
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
