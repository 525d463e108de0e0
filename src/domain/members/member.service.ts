// Sharing images with other projects: adding, answering and removing memberships, and the images shared with
// the caller's project. Policies are checked by the caller (the @policy directive); the rules here hold always.
// Glance: glance/api/v2/image_members.py ImageMembersController, glance/domain/__init__.py ImageMembership
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { Config } from '../../config/index.js';
import { ImageMember, type EntityManager, type Image } from '../../persistence/index.js';
import type { Access } from '../access.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { ImageListRequest, ImagePage } from '../images/image-list.js';
import type { ImageService } from '../images/image.service.js';
import { assertQuota } from '../images/image-validation.js';
import type { CallerMemberships } from './caller-memberships.js';
import { assertMayChangeMembers, assertMemberId, visibleMembersCondition } from './member-rules.js';
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

  constructor(private readonly deps: MemberServiceDeps) {
    const visible = visibleMembersCondition(deps.access.identity);
    this.visibleMembers = new DataLoader(async (imageIds) => {
      if (visible === null) return imageIds.map(() => []);
      const rows = await deps.em.find(
        ImageMember,
        { $and: [{ image: { $in: [...imageIds] } }, visible] },
        { orderBy: { createdAt: 'asc', memberId: 'asc' } },
      );
      return imageIds.map((id) => rows.filter((row) => row.image.id === id));
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

  /** Glance: a new member starts PENDING; a removed member's row is brought back rather than duplicated. */
  async add(imageId: string, memberId: string): Promise<ImageMember> {
    const { em, config, access } = this.deps;
    assertMemberId(memberId);
    const image = await this.deps.images.get(imageId);
    assertMayChangeMembers(access.identity, image, 'add');
    assertQuota((await em.count(ImageMember, { image })) + 1, config.image_member_quota, 'members', 'image_member_quota');
    const existing = await em.findOne(ImageMember, { image, memberId }, { filters: { notDeleted: false } });
    if (existing && !existing.deleted) throw new ConflictError(`project ${memberId} is already a member of image ${imageId}`);
    const now = new Date();
    const member = existing ?? em.create(ImageMember, { image, memberId, deletedAt: null });
    Object.assign(member, { status: 'pending', deleted: false, deletedAt: null, createdAt: now, updatedAt: now });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`project ${memberId} is already a member of image ${imageId}`);
      throw error;
    }
    this.changed(imageId, memberId, 'pending');
    return member;
  }

  /** Glance: only the member project (or an admin) answers; the owner may not. */
  async update(imageId: string, memberId: string, status: MemberStatus): Promise<ImageMember> {
    const image = await this.deps.images.get(imageId);
    assertMayChangeMembers(this.deps.access.identity, image, 'update');
    const member = await this.findVisible(image, memberId);
    member.status = status;
    member.updatedAt = new Date();
    await this.deps.em.flush();
    this.changed(imageId, memberId, status);
    return member;
  }

  /** Soft-deletes the membership, as Glance does, so adding the project again reuses the row. */
  async remove(imageId: string, memberId: string): Promise<Image> {
    const image = await this.deps.images.get(imageId);
    assertMayChangeMembers(this.deps.access.identity, image, 'remove');
    const member = await this.findVisible(image, memberId);
    const now = new Date();
    Object.assign(member, { deleted: true, deletedAt: now, updatedAt: now });
    await this.deps.em.flush();
    this.changed(imageId, memberId, null);
    return image;
  }

  /** The member row, if the caller may see it: a member project cannot see, or answer for, another member. */
  private async findVisible(image: Image, memberId: string): Promise<ImageMember> {
    const visible = visibleMembersCondition(this.deps.access.identity);
    const member = visible && (await this.deps.em.findOne(ImageMember, { $and: [{ image, memberId }, visible] }));
    if (!member) throw new NotFoundError(`project ${memberId} is not a member of image ${image.id}`);
    return member;
  }

  private changed(imageId: string, memberId: string, status: MemberStatus | null): void {
    this.deps.memberships.remember(imageId, memberId, status);
    this.visibleMembers.clear(imageId);
  }
}
