// Image metadata operations with Glance's rules: ownership, visibility policies, formats, quotas, deletion.
// Glance: glance/api/v2/images.py ImagesController, glance/domain/__init__.py ImageFactory and Image
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/index.js';
import { Image, ImageProperty, ImageTag, type EntityManager } from '../../persistence/index.js';
import type { PolicyName } from '../../policy/index.js';
import type { FilesystemStore } from '../../store/index.js';
import type { Access } from '../image-access.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { recordChange } from '../live/change-publication.js';
import { storageFullError } from '../storage-full.js';
import { inImageTransaction } from './image-transaction.js';
import { softDeleteImage } from './image-deletion.js';
import { assertImagePrecondition, type ActionContext } from './image-preconditions.js';
import { loadReadableImage, type ImageLoaders } from './image-loaders.js';
import { isListed, listImages, wasListed, type ImageListRequest, type ImagePage } from './image-list.js';
import { applyEdits, checkedProperties, checkEditableFields, type CreateImageFields, type UpdateImageFields } from './image-edits.js';
import { propertyChanges, writePropertyChanges } from './image-properties.js';
import { assertQuota, assertTag, assertUuid } from './image-validation.js';
import { moveImage } from './image-status.js';
import type { ContainerFormat, DiskFormat, ImageStatus, ImageVisibility } from './image-values.js';

export type { CreateImageFields, UpdateImageFields } from './image-edits.js';

export interface ImageServiceDeps {
  em: EntityManager;
  config: Config;
  access: Access;
  loaders: ImageLoaders;
  store: FilesystemStore;
}

export class ImageService {
  constructor(private readonly deps: ImageServiceDeps) {}

  /** The image, or null when it does not exist or the caller may not read it. */
  async find(id: string): Promise<Image | null> {
    const image = await this.deps.loaders.image.load(id);
    return image && this.deps.access.canRead(image) ? image : null;
  }

  /** The image the caller may read, else NOT_FOUND. */
  get(id: string): Promise<Image> {
    return loadReadableImage(this.deps.loaders, this.deps.access, id);
  }

  /**
   * For a subscriber of the image: the image, else NOT_FOUND when it is gone or no longer visible to the caller, or
   * FORBIDDEN when it is visible but `get_image` now denies it.
   */
  async getWatched(id: string): Promise<Image> {
    const { loaders, access } = this.deps;
    const image = await loaders.image.load(id);
    if (!image || !access.isVisible(image)) throw new NotFoundError(`no image with id ${id}`);
    if (!access.allows('get_image', image)) throw new ForbiddenError('policy "get_image" no longer allows reading this image');
    return image;
  }

  /**
   * The image, if the caller's default list holds it now (the list's own rule: visibility, accepted memberships,
   * neither hidden nor killed; allowed by `get_images`) and the caller may read it.
   */
  async findListable(id: string): Promise<Image | null> {
    const { em, access } = this.deps;
    return access.allows('get_images') && (await isListed(em, access, id)) ? this.find(id) : null;
  }

  /** Whether the caller's default list held the deleted image `id` when it was deleted (its members' included). */
  async wasListable(id: string): Promise<boolean> {
    const { em, access } = this.deps;
    return access.allows('get_images') && wasListed(em, access, id);
  }

  /** The disk and container formats this server accepts. */
  formats(): { diskFormats: DiskFormat[]; containerFormats: ContainerFormat[] } {
    return { diskFormats: [...this.deps.config.disk_formats], containerFormats: [...this.deps.config.container_formats] };
  }

  list(request: ImageListRequest): Promise<ImagePage> {
    return listImages(this.deps.em, this.deps.access, this.deps.config, request);
  }

  async create(fields: CreateImageFields): Promise<Image> {
    const { em, config, access } = this.deps;
    const { identity } = access;
    const owner = fields.owner === undefined || fields.owner === null ? identity.projectId : fields.owner;
    const visibility = fields.visibility ?? 'shared';
    // Glance: ImagesController.create checks add_image against the image to be created, not the caller's project.
    // Deviation: without a visibility Glance's target says 'private'; ours says SHARED, which is what gets created.
    const newImage = { owner, visibility };
    if (!access.allowsCreating('add_image', newImage)) throw new ForbiddenError('policy "add_image" does not allow creating this image');
    const id = fields.id ?? randomUUID();
    assertUuid(id);
    // Glance: check_admin_or_same_owner — only admins create images for other projects.
    if (!identity.isAdmin && owner !== identity.projectId) throw new ForbiddenError('only admins may create images owned by another project');
    const tags = [...new Set(fields.tags ?? [])];
    tags.forEach(assertTag);
    assertQuota(tags.length, config.image_tag_quota, 'tags', 'image_tag_quota');
    const properties = checkedProperties(fields.properties ?? []);
    assertQuota(properties.size, config.image_property_quota, 'properties', 'image_property_quota');
    checkEditableFields(fields, config);
    this.requireVisibilityPolicy(visibility, (policy) => access.allowsCreating(policy, newImage));
    if (await em.count(Image, { id }, { filters: false })) throw new ConflictError(`an image with id ${id} exists or existed; ids are never reused`);

    const image = em.create(Image, {
      id,
      name: fields.name ?? null,
      visibility,
      protected: fields.protected ?? false,
      osHidden: fields.osHidden ?? false,
      owner,
      diskFormat: fields.diskFormat ?? null,
      containerFormat: fields.containerFormat ?? null,
      minDisk: fields.minDisk ?? 0,
      minRam: fields.minRam ?? 0,
      size: null,
      virtualSize: null,
      checksum: null,
      osHashAlgo: null,
      osHashValue: null,
      deletedAt: null,
    });
    for (const value of tags) em.create(ImageTag, { image, value });
    for (const [name, value] of properties) em.create(ImageProperty, { image, name, value });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`an image with id ${id} already exists`);
      throw error;
    }
    recordChange(em, { subject: 'image', kind: 'CREATED', imageId: id });
    return image;
  }

  async update(fields: UpdateImageFields): Promise<Image> {
    const { config, loaders } = this.deps;
    const seen = await this.get(fields.id);
    checkEditableFields(fields, config);
    const properties = propertyChanges(fields);
    const image = await this.change(seen.id, async (tx, current) => {
      this.assertMayEdit(current, fields);
      await writePropertyChanges(tx, current, properties, config);
      applyEdits(current, fields);
      current.updatedAt = new Date();
    });
    loaders.properties.clear(image.id);
    return image;
  }

  /**
   * Deletes the image record. The caller's policy checks were made on `image` as it was loaded; the delete only
   * goes through if the status is still the one those checks saw, so a concurrent deactivation cannot slip past
   * `delete_deactivated_image`.
   */
  async delete(id: string): Promise<void> {
    const { em } = this.deps;
    const image = await this.get(id);
    assertImagePrecondition('delete', image, this.actionContext());
    const now = new Date();
    const deletion = () => em.transactional((tx) => softDeleteImage(tx, id, { from: image.status as ImageStatus, onlyIf: { protected: false } }, now));
    await deletion().catch(async (error: unknown) => {
      // On a full disk the database cannot even record a deletion: the image's data, which the caller wants gone
      // anyway, goes first to make room, and the deletion is written again.
      if (!storageFullError(error)) throw error;
      await this.deps.store.removeLeftovers(id);
      await deletion();
    });
    // The data goes once the deletion is committed (unlike Glance, also when a non-admin deletes a deactivated image).
    await this.deps.store.removeLeftovers(id);
    this.deps.loaders.image.clear(id);
  }

  /** Glance: ACTIVE becomes DEACTIVATED; an image already DEACTIVATED is left as it is. */
  deactivate(id: string): Promise<Image> {
    return this.moveStatus(id, 'deactivate', 'active', 'deactivated');
  }

  /** Glance: DEACTIVATED becomes ACTIVE; an image already ACTIVE is left as it is. */
  reactivate(id: string): Promise<Image> {
    return this.moveStatus(id, 'reactivate', 'deactivated', 'active');
  }

  /** Glance: adding a tag the image has is a success that changes nothing. */
  async addTag(imageId: string, tag: string): Promise<Image> {
    const { config, loaders } = this.deps;
    const seen = await this.get(imageId);
    assertTag(tag);
    const image = await this.change(seen.id, async (tx, current) => {
      const tags = (await tx.find(ImageTag, { image: current.id }, { fields: ['value'] })).map((row) => row.value);
      if (tags.includes(tag)) return;
      assertQuota(tags.length + 1, config.image_tag_quota, 'tags', 'image_tag_quota');
      tx.create(ImageTag, { image: current, value: tag });
      current.updatedAt = new Date();
    });
    loaders.tags.clear(image.id);
    return image;
  }

  async removeTag(imageId: string, tag: string): Promise<Image> {
    const { loaders } = this.deps;
    const seen = await this.get(imageId);
    const image = await this.change(seen.id, async (tx, current) => {
      const removed = await tx.nativeDelete(ImageTag, { image: current.id, value: tag });
      if (removed === 0) throw new NotFoundError(`image ${imageId} has no tag "${tag}"`);
      current.updatedAt = new Date();
    });
    loaders.tags.clear(image.id);
    return image;
  }

  /** Glance: an image already in `to` is left as it is; otherwise it must be in `from` when the row is written. */
  private async moveStatus(id: string, operation: 'deactivate' | 'reactivate', from: ImageStatus, to: ImageStatus): Promise<Image> {
    const { em } = this.deps;
    const image = await this.get(id);
    assertImagePrecondition(operation, image, this.actionContext());
    if (image.status === to) return image;
    await moveImage(em, id, { operation, from, to });
    await em.refresh(image);
    return image;
  }

  private actionContext(): ActionContext {
    return { config: this.deps.config, identity: this.deps.access.identity };
  }

  /** Reads the image again and makes the change in one transaction (see inImageTransaction). */
  private change(id: string, work: (tx: EntityManager, image: Image) => Promise<void>): Promise<Image> {
    const edit = async (tx: EntityManager, image: Image) => {
      await work(tx, image);
      recordChange(tx, { subject: 'image', kind: 'UPDATED', imageId: id });
      return image;
    };
    return inImageTransaction(this.deps.em, id, edit, `image ${id} changed while it was being updated; try again`);
  }

  /** The rules an update must pass on the image as it is now. */
  private assertMayEdit(image: Image, fields: UpdateImageFields): void {
    if (fields.owner !== undefined && fields.owner !== image.owner && !this.deps.access.identity.isAdmin) {
      throw new ForbiddenError('only admins may change the owner of an image');
    }
    const formatChange = (fields.diskFormat !== undefined && fields.diskFormat !== image.diskFormat)
      || (fields.containerFormat !== undefined && fields.containerFormat !== image.containerFormat);
    if (formatChange && image.status !== 'queued') {
      throw new ConflictError(`cannot change the disk or container format: image status is ${image.status.toUpperCase()}, formats change only while QUEUED`);
    }
    if (fields.visibility && fields.visibility !== image.visibility) {
      this.requireVisibilityPolicy(fields.visibility, (policy) => this.deps.access.allows(policy, image));
    }
  }

  /**
   * Glance: making an image public needs `publicize_image`, community needs `communitize_image`, decided by `allows`
   * against the image (on create, the image to be created).
   */
  private requireVisibilityPolicy(
    visibility: ImageVisibility,
    allows: (policy: PolicyName) => boolean,
  ): void {
    const policy = visibility === 'public' ? 'publicize_image' : visibility === 'community' ? 'communitize_image' : null;
    if (policy && !allows(policy)) {
      throw new ForbiddenError(`policy "${policy}" does not allow making an image ${visibility.toUpperCase()}`);
    }
  }
}
