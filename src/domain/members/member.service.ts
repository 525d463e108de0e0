// Sharing images with other projects: adding, answering and removing memberships, and the images shared with
// the caller's project. Policies are checked by the caller (the @policy directive); the rules here hold always.
// Glance: glance/api/v2/image_members.py ImageMembersController, glance/domain/__init__.py ImageMembership
import DataLoader from 'dataloader';
import type { Config } from '../../config/index.js';
import { ImageMember, type EntityManager, type Image } from '../../persistence/index.js';
import type { Access } from '../image-access.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { groupByImage } from '../image-rows.js';
import { inImageTransaction } from '../images/image-transaction.js';
import { recordChange } from '../live/change-publication.js';
import type { ImageListRequest, ImagePage } from '../images/image-list.js';
import type { ImageService } from '../images/image.service.js';
import { assertQuota } from '../images/image-validation.js';
import type { CallerMemberships } from './caller-memberships.js';
import { assertMayChangeMembers, assertMemberId, visibleMembersCondition, type MemberChange } from './member-rules.js';
import type { MemberStatus } from './member-values.js';

export interface MemberServiceDeps {
  em: EntityManager;
  config: Config;
  access: Access;
  images: ImageService;
  memberships: CallerMemberships;
}

export class MemberService {
  /** The members of each image the caller may see, one statement per batch of images. */
  private readonly visibleMembers: DataLoader<string, ImageMember[]>;

  /** Which member rows the caller may see, as a query condition (null: none). */
  private readonly visible: Record<string, unknown> | null;

  constructor(private readonly deps: MemberServiceDeps) {
    const visible = visibleMembersCondition(deps.access.identity);
    this.visible = visible;
    this.visibleMembers = new DataLoader(async (imageIds) => {
      if (visible === null) return imageIds.map(() => []);
      const rows = await deps.em.find(
        ImageMember,
        { $and: [{ image: { $in: [...imageIds] } }, visible] },
        { orderBy: { createdAt: 'asc', memberId: 'asc' } },
      );
      return groupByImage(imageIds, rows, (row) => row.image.id);
    });
  }

  /** The image's members the caller may see: all for the owner and admins, its own entry for a member. */
  async membersOf(image: Image): Promise<ImageMember[]> {
    if (image.visibility !== 'shared') return [];
    return this.visibleMembers.load(image.id);
  }

  /** SHARED images of other projects shared with the caller's project, with this member status (default accepted). */
  sharedWithMe(status: MemberStatus | null | undefined, page: Omit<ImageListRequest, 'filter'>): Promise<ImagePage> {
    return this.deps.images.list({ ...page, filter: { sharedWithCaller: true, memberStatus: status } });
  }

  /** One member of the image, if the caller may see it (Glance's GET /v2/images/{id}/members/{member_id}). */
  async member(imageId: string, memberId: string): Promise<ImageMember | null> {
    const members = await this.membersOf(await this.deps.images.get(imageId));
    return members.find((member) => member.memberId === memberId) ?? null;
  }

  /** Glance: a new member starts PENDING; a removed member's row is brought back rather than duplicated. */
  async add(imageId: string, memberId: string): Promise<ImageMember> {
    assertMemberId(memberId);
    const member = await this.change(imageId, 'add', async (tx, image) => {
      const { config } = this.deps;
      if (image.owner === memberId) throw new InvalidInputError(`project ${memberId} owns image ${imageId}: share it with other projects`);
      assertQuota((await tx.count(ImageMember, { image })) + 1, config.image_member_quota, 'members', 'image_member_quota');
      const existing = await tx.findOne(ImageMember, { image, memberId }, { filters: { notDeleted: false }, refresh: true });
      if (existing && !existing.deleted) throw new ConflictError(`project ${memberId} is already a member of image ${imageId}`);
      const now = new Date();
      const added = existing ?? tx.create(ImageMember, { image, memberId, deletedAt: null });
      return Object.assign(added, { status: 'pending', deleted: false, deletedAt: null, createdAt: now, updatedAt: now });
    });
    this.changed(imageId, memberId, 'pending');
    return member;
  }

  /** Glance: only the member project (or an admin) answers; the owner may not. */
  async update(imageId: string, memberId: string, status: MemberStatus): Promise<ImageMember> {
    const member = await this.change(imageId, 'update', async (tx, image) =>
      Object.assign(await this.findVisible(tx, image, memberId), { status, updatedAt: new Date() }),
    );
    this.changed(imageId, memberId, status);
    return member;
  }

  /** Soft-deletes the membership, as Glance does, so adding the project again reuses the row. */
  async remove(imageId: string, memberId: string): Promise<Image> {
    const image = await this.deps.images.get(imageId);
    await this.change(imageId, 'remove', async (tx, current) => {
      const now = new Date();
      Object.assign(await this.findVisible(tx, current, memberId), { deleted: true, deletedAt: now, updatedAt: now });
    });
    this.changed(imageId, memberId, null);
    return image;
  }

  /**
   * Reads the image and the member rows and writes the change in one transaction on the single writer
   * connection: parallel adds cannot pass the quota or the duplicate check together, an answer cannot land on a
   * membership removed meanwhile, and nothing changes on an image made PRIVATE or deleted since the caller saw it.
   */
  private async change<T>(imageId: string, change: MemberChange, work: (tx: EntityManager, image: Image) => Promise<T>): Promise<T> {
    await this.deps.images.get(imageId); // NOT_FOUND unless the caller can see the image
    const checked = async (tx: EntityManager, image: Image) => {
      assertMayChangeMembers(this.deps.access.identity, image, change);
      const changed = await work(tx, image);
      recordChange(tx, { subject: 'image', kind: 'UPDATED', imageId: image.id });
      return changed;
    };
    // The conflict left: another process sharing the database file added the same member first.
    return inImageTransaction(this.deps.em, imageId, checked, `that project is already a member of image ${imageId}`);
  }

  /** The member row, if the caller may see it: a member project cannot see, or answer for, another member. */
  private async findVisible(tx: EntityManager, image: Image, memberId: string): Promise<ImageMember> {
    const member = this.visible && (await tx.findOne(ImageMember, { $and: [{ image, memberId }, this.visible] }, { refresh: true }));
    if (!member) throw new NotFoundError(`project ${memberId} is not a member of image ${image.id}`);
    return member;
  }

  private changed(imageId: string, memberId: string, status: MemberStatus | null): void {
    this.deps.memberships.remember(imageId, memberId, status);
    this.visibleMembers.clear(imageId);
  }
}
