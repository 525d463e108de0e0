// Changes whose notifications a process may have missed while its LISTEN connection was being replaced, found
// again from the rows' update times, so that its subscribers hear of them late rather than never. A change heard
// both ways is told twice, which an event of ids only allows: each subscriber reads the object as it is now.
import { Image, ImageMember, Task, type Orm } from '../../persistence/index.js';
import type { ChangeEvent } from './change-events.js';

/**
 * How much further back than the loss to look: rows are stamped by their writer's clock before its transaction
 * commits, so a change stamped a little before the loss may have been notified only after it.
 */
export const MISSED_CHANGE_MARGIN_MS = 10_000;

/** At most this many rows of each kind are told again; more are reported as not told. */
export const MAX_REPLAYED_CHANGES = 10_000;

export interface MissedChanges {
  events: ChangeEvent[];
  /** Whether some rows were left out (MAX_REPLAYED_CHANGES). */
  truncated: boolean;
}

/** The images (members included) and tasks changed since shortly before `lostAt`, as events. */
export async function changesSince(orm: Orm, lostAt: Date): Promise<MissedChanges> {
  const since = { $gte: new Date(lostAt.getTime() - MISSED_CHANGE_MARGIN_MS) };
  const em = orm.em.fork();
  const recent = { filters: false, limit: MAX_REPLAYED_CHANGES, orderBy: { updatedAt: 'desc' } } as const;
  const [images, members, tasks] = await Promise.all([
    em.find(Image, { updatedAt: since }, { ...recent, fields: ['id', 'deleted', 'createdAt'] }),
    em.find(ImageMember, { updatedAt: since }, { ...recent, fields: ['image'] }),
    em.find(Task, { updatedAt: since }, { ...recent, fields: ['id'] }),
  ]);
  const events = new Map<string, ChangeEvent>();
  for (const image of images) {
    const kind = image.deleted ? 'DELETED' : image.createdAt.getTime() >= since.$gte.getTime() ? 'CREATED' : 'UPDATED';
    events.set(`image ${image.id}`, { subject: 'image', kind, imageId: image.id });
  }
  for (const { image } of members) {
    if (!events.has(`image ${image.id}`)) events.set(`image ${image.id}`, { subject: 'image', kind: 'UPDATED', imageId: image.id });
  }
  for (const task of tasks) events.set(`task ${task.id}`, { subject: 'task', kind: 'UPDATED', taskId: task.id });
  const truncated = [images, members, tasks].some((rows) => rows.length === MAX_REPLAYED_CHANGES);
  return { events: [...events.values()], truncated };
}
