// The caller's project's memberships of the images one request touches. Visibility and policy targets need them
// synchronously, so they are loaded in batches (one statement per batch) before any check runs: the image loader
// and the image list call `preload` on every image they hand out.
// Glance: glance/db/utils.py is_image_visible, glance/db/__init__.py ImageRepo._format_image_from_db (member)
import DataLoader from 'dataloader';
import { selectByKeys, type EntityManager, type Image } from '../../persistence/index.js';
import type { MemberStatus } from './member-values.js';

export class CallerMemberships {
  private readonly known = new Map<string, MemberStatus | null>();
  private readonly loader: DataLoader<string, MemberStatus | null>;

  constructor(
    em: EntityManager,
    private readonly projectId: string | null,
  ) {
    this.loader = new DataLoader(async (imageIds) => {
      if (projectId === null) return imageIds.map(() => null);
      // Plain rows: only the status is read, and a managed entity per membership cost more than the statement.
      const rows = await selectByKeys<{ image_id: string; status: MemberStatus }>(em, {
        head: 'select image_id, status from image_members where member = ? and deleted = false and',
        headParameters: [projectId],
        column: 'image_id',
        keys: imageIds,
      });
      const byImage = new Map(rows.map((row) => [row.image_id, row.status]));
      return imageIds.map((id) => byImage.get(id) ?? null);
    });
  }

  /** Loads the caller's membership of each of these images that could be shared with it. */
  async preload(images: readonly Image[]): Promise<void> {
    const ids = [...new Set(images.filter((image) => this.couldBeMember(image) && !this.known.has(image.id)).map((image) => image.id))];
    if (ids.length === 0) return;
    const statuses = await this.loader.loadMany(ids);
    ids.forEach((id, index) => {
      const status = statuses[index];
      if (status instanceof Error) throw status;
      this.known.set(id, status ?? null);
    });
  }

  /**
   * The caller's project's member status on the image, or null when it is not a member. Only SHARED images of
   * other projects have members that count; an image that was never preloaded counts as not shared with the caller.
   */
  statusOf(image: Image): MemberStatus | null {
    return this.couldBeMember(image) ? this.known.get(image.id) ?? null : null;
  }

  /** Records a membership change this request made, so later checks in the same request see it. */
  remember(imageId: string, memberId: string, status: MemberStatus | null): void {
    if (memberId !== this.projectId) return;
    this.known.set(imageId, status);
    this.loader.clear(imageId);
  }

  private couldBeMember(image: Image): boolean {
    return this.projectId !== null && image.visibility === 'shared' && image.owner !== this.projectId;
  }
}
