// The purge commands' common run: count each step, then (unless --dry-run) remove it with progress shown.
import type { Config } from '../config/index.js';
import type { PurgeStep } from '../domain/purge-steps.js';
import { openDatabase } from '../persistence/index.js';
import { progressOf } from './progress.js';

export async function purge(config: Config, steps: readonly PurgeStep[], cutoff: Date, dryRun: boolean): Promise<void> {
  const db = await openDatabase(config);
  try {
    for (const step of steps) {
      const em = db.orm.em.fork();
      const total = await step.count(em, cutoff);
      if (dryRun) {
        console.log(`${step.what}: ${total} (dry run, nothing removed)`);
        continue;
      }
      const progress = progressOf(step.what, total);
      const removed = await step.remove(em, cutoff, (done) => progress.update(done));
      progress.finish();
      console.log(`${step.what}: ${removed}`);
    }
  } finally {
    await db.close();
  }
}
