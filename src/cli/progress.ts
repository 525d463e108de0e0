// Progress of long work on the command line: a bar redrawn in place on a terminal, one line per batch otherwise
// (logs, CI). Written to stderr, so stdout keeps only the result.

export interface Progress {
  update(done: number): void;
  finish(): void;
}

const BAR_WIDTH = 30;

export function progressOf(what: string, total: number, out: NodeJS.WriteStream = process.stderr): Progress {
  if (!out.isTTY) return { update: (done) => out.write(`${what}: ${done}/${total}\n`), finish: () => undefined };
  const draw = (done: number) => {
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
    out.write(`\r${what} [${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
  };
  draw(0);
  return { update: draw, finish: () => out.write('\n') };
}
