// Glance's image status machine as data, and the one function that changes an image's status.
// Glance: glance/domain/__init__.py Image.valid_state_targets, glance/db/sqlalchemy/api.py image_update(from_state)
import type { EntityData, ObjectQuery } from '@mikro-orm/core';
import { Image, type EntityManager } from '../../persistence/index.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { recordChange } from '../live/change-publication.js';
import type { ImageStatus } from './image-values.js';

export const IMAGE_TRANSITIONS: Readonly<Record<ImageStatus, readonly ImageStatus[]>> = {
  queued: ['saving', 'uploading', 'importing', 'active', 'deleted'],
  saving: ['active', 'killed', 'deleted', 'queued'],
  uploading: ['importing', 'queued', 'deleted'],
  importing: ['active', 'deleted', 'queued'],
  active: ['pending_delete', 'deleted', 'deactivated'],
  deactivated: ['active', 'deleted'],
  pending_delete: ['deleted', 'active'],
  killed: ['deleted'],
  deleted: [],
};

export interface ImageMove {
  /** What the caller is doing, as it reads after "cannot": "deactivate", "upload data to". */
  operation: string;
  /** The statuses the image may leave; those the table does not let become `to` are never written. */
  from: ImageStatus | readonly ImageStatus[];
  to: ImageStatus;
  /** Other columns written in the same statement (updatedAt is set unless given). */
  changes?: Omit<EntityData<Image>, 'status'>;
  /** What else the row must still hold, such as the version the caller's checks read. */
  onlyIf?: ObjectQuery<Image>;
  /** How the caller words a refusal for the status the image has now; a generic CONFLICT otherwise. */
  refusal?: (id: string, status: ImageStatus) => Error;
}

/**
 * The only writer of `Image.status`: one `UPDATE ... WHERE id = ? AND status IN (...)` that moves image `id` to
 * `to` only from a status in `from` that the table allows. When no row changes, nothing was written and the reason
 * is thrown: NOT_FOUND for an image that is gone, else CONFLICT. The move is published once it commits.
 */
export async function moveImage(em: EntityManager, id: string, move: ImageMove): Promise<void> {
  const from = [move.from].flat().filter((status) => IMAGE_TRANSITIONS[status].includes(move.to));
  const changes = { updatedAt: new Date(), ...move.changes, status: move.to };
  const moved = from.length > 0 && (await em.nativeUpdate(Image, { ...move.onlyIf, id, status: { $in: from } }, changes)) > 0;
  if (!moved) throw await refusalOf(em, id, move, from);
  recordChange(em, { subject: 'image', kind: move.to === 'deleted' ? 'DELETED' : 'UPDATED', imageId: id });
}

async function refusalOf(em: EntityManager, id: string, move: ImageMove, allowedFrom: readonly ImageStatus[]): Promise<Error> {
  const current = await em.findOne(Image, id, { fields: ['status', 'deleted'], disableIdentityMap: true });
  if (!current || current.deleted) return new NotFoundError(`no image with id ${id}`);
  const status = current.status as ImageStatus;
  if (allowedFrom.includes(status)) return new ConflictError(`image ${id} changed while the request was being served (cannot ${move.operation} it now); try again`);
  if (move.refusal) return move.refusal(id, status);
  const from = [move.from].flat();
  const why = from.includes(status) ? `which cannot become ${move.to.toUpperCase()}` : `not ${from.map((name) => name.toUpperCase()).join(' or ')}`;
  return new ConflictError(`cannot ${move.operation} image ${id}: its status is ${status.toUpperCase()}, ${why}`);
}
