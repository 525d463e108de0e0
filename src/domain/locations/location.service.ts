// Adding, replacing and removing an image's locations with Glance's checks, in Glance's order (after the
// directive's policy check): feature switch, status, validation data, quotas, URL, duplicates, activation. The
// write only happens if the image is still as the checks saw it, so a location can never land on an image that
// became SAVING or DEACTIVATED in between.
// Glance: glance/api/v2/images.py ImagesController._do_add_locations, _do_replace_locations, _do_remove_locations
import type DataLoader from 'dataloader';
import type { Config } from '../../config/index.js';
import { Image, ImageLocation, type EntityManager } from '../../persistence/index.js';
import type { FilesystemStore } from '../../store/index.js';
import type { Access } from '../image-access.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import { assertStorageQuota, assertStorageQuotaInWrite } from '../images/image-data-quota.js';
import { assertFormatsSet } from '../images/image-data-intake.js';
import { loadReadableImage, type ImageLoaders } from '../images/image-loaders.js';
import { assertImagePrecondition } from '../images/image-preconditions.js';
import { recordChange } from '../live/change-publication.js';
import { moveImage } from '../images/image-status.js';
import type { ImageStatus } from '../images/image-values.js';
import { activeLocations, createLocationLoader } from './location-queries.js';
import {
  assertLocationMetadata, assertLocationQuota, assertLocationSize, assertLocationsEnabled, assertLocationStatus, assertNoDuplicates,
  assertNotDuplicate, assertNotEmptyReplacement, assertNotLastLocation, assertReplaceKeepsUrls, canChangeLocations,
  locationStatusConflict, type LocationOperation,
} from './location-rules.js';
import { assertLocationUrlLength, settableLocationSize } from './location-url.js';
import { assertValidationDataShape, newValidationValues, type ValidationData, type ValidationValues } from './validation-data.js';

export interface LocationInput {
  url: string;
  /** A JSON object; `{}` when absent. */
  metadata?: unknown;
  validationData?: ValidationData | null;
}

export interface LocationServiceDeps {
  em: EntityManager;
  config: Config;
  access: Access;
  loaders: ImageLoaders;
  store: FilesystemStore;
}

interface CheckedLocation {
  url: string;
  metadata: Record<string, unknown>;
}

export class LocationService {
  private readonly locations: DataLoader<string, ImageLocation[]>;

  constructor(private readonly deps: LocationServiceDeps) {
    this.locations = createLocationLoader(deps.em);
  }

  /** Image.locations: none while the feature is off, and none of a DEACTIVATED image for non-admins. */
  async visible(image: Image): Promise<ImageLocation[]> {
    if (!this.deps.config.show_multiple_locations || this.hiddenFromCaller(image)) return [];
    return this.locations.load(image.id);
  }

  /** Image.directUrl: the first location's URL when `show_image_direct_url` is on. */
  async directUrl(image: Image): Promise<string | null> {
    if (!this.deps.config.show_image_direct_url || this.hiddenFromCaller(image)) return null;
    const [first] = await this.locations.load(image.id);
    return first?.url ?? null;
  }

  async add(imageId: string, input: LocationInput): Promise<Image> {
    const { em, config } = this.deps;
    const location = checkedShape(input);
    const image = await loadReadableImage(this.deps.loaders, this.deps.access, imageId);
    assertImagePrecondition('setLocation', image, { config, identity: this.deps.access.identity });
    const current = await activeLocations(em, image.id);
    const validation = newValidationValues(image, [input.validationData]);
    assertLocationQuota(current.length + 1, config.image_location_quota);
    const size = await settableLocationSize(location.url, config);
    if (image.size !== null) assertLocationSize(image.id, location.url, size, image.size);
    // Glance counts storage as size × locations; a QUEUED image takes its size from the new location.
    const stored = (image.size ?? size) * (current.length + 1);
    await assertStorageQuota(em, config, image, stored);
    assertNotDuplicate(location, current);
    const position = (current.at(-1)?.position ?? -1) + 1;
    await this.write(image, 'add', activation(image, size, validation), async (tx) => {
      // Again inside the write, under the owner's quota lock: a parallel change of the owner's images may have used
      // the room since the check above (kept for Glance's order of errors).
      await assertStorageQuotaInWrite(tx, config, image, stored);
      tx.create(ImageLocation, { image: tx.getReference(Image, image.id), url: location.url, metadata: location.metadata, position });
    });
    return this.reloaded(image);
  }

  async replace(imageId: string, inputs: readonly LocationInput[]): Promise<Image> {
    const { em, config } = this.deps;
    const next = inputs.map(checkedShape);
    const image = await loadReadableImage(this.deps.loaders, this.deps.access, imageId);
    assertNotEmptyReplacement(next);
    assertLocationsEnabled(config);
    assertLocationStatus('replace', image.id, image.status);
    const current = await activeLocations(em, image.id);
    const validation = newValidationValues(image, inputs.map((input) => input.validationData));
    assertLocationQuota(next.length, config.image_location_quota);
    assertReplaceKeepsUrls(current, next);
    // URLs already on the image were checked when they were set (the image's own store file among them).
    const known = new Set(current.map((location) => location.url));
    const added = next.filter(({ url }) => !known.has(url));
    const sizes: number[] = [];
    for (const { url } of added) sizes.push(await settableLocationSize(url, config));
    const size = image.size ?? sizes[0]!;
    added.forEach(({ url }, index) => assertLocationSize(image.id, url, sizes[index]!, size));
    await assertStorageQuota(em, config, image, size * next.length);
    assertNoDuplicates(next);
    await this.write(image, 'replace', activation(image, size, validation), async (tx) => {
      await assertStorageQuotaInWrite(tx, config, image, size * next.length); // again inside the write, as in add()
      await tx.nativeUpdate(ImageLocation, { image: image.id, status: 'active' }, { status: 'deleted', updatedAt: new Date() });
      next.forEach((location, position) => tx.create(ImageLocation, { image: tx.getReference(Image, image.id), ...location, position }));
    });
    return this.reloaded(image);
  }

  /** Removes every location of the image with this URL, and the stored data if it was in this server's store. */
  async remove(imageId: string, url: string): Promise<Image> {
    const { em, config, store } = this.deps;
    const image = await loadReadableImage(this.deps.loaders, this.deps.access, imageId);
    assertLocationsEnabled(config);
    assertLocationStatus('remove', image.id, image.status);
    const current = await activeLocations(em, image.id);
    assertNotLastLocation(current.length - 1);
    const removed = current.filter((location) => location.url === url);
    if (removed.length === 0) throw new InvalidInputError(`image ${image.id} has no location ${url}`);
    assertNotLastLocation(current.length - removed.length);
    await this.write(image, 'remove', null, async (tx) => {
      const ids = removed.map((location) => location.id);
      await tx.nativeUpdate(ImageLocation, { id: { $in: ids }, status: 'active' }, { status: 'deleted', updatedAt: new Date() });
    });
    await store.remove(url);
    return this.reloaded(image);
  }

  private hiddenFromCaller(image: Image): boolean {
    // Glance: _normalize_locations hides a deactivated image's locations from non-admins.
    return image.status === 'deactivated' && !this.deps.access.identity.isAdmin;
  }

  /**
   * The image row is updated only if its status and version are still those the checks read, in the same
   * transaction as the location rows; otherwise nothing is written. A QUEUED image becomes ACTIVE with the size and
   * validation values its first locations give it.
   */
  private async write(image: Image, operation: LocationOperation, activation: Activation | null, rows: (tx: EntityManager) => unknown): Promise<void> {
    const seen = { status: image.status, updatedAt: image.updatedAt };
    const refusal = (id: string, status: ImageStatus) => this.refusal(operation, id, status);
    await this.deps.em.transactional(async (tx) => {
      if (activation) {
        await moveImage(tx, image.id, { operation: `${operation} a location of`, from: 'queued', to: 'active', changes: activation, onlyIf: seen, refusal });
      } else if ((await tx.nativeUpdate(Image, { ...seen, id: image.id }, { updatedAt: new Date() })) === 0) {
        throw await this.changedMeanwhile(tx, operation, image.id);
      } else {
        recordChange(tx, { subject: 'image', kind: 'UPDATED', imageId: image.id }); // an activation's move is published as it is made
      }
      await rows(tx);
    });
  }

  private async changedMeanwhile(tx: EntityManager, operation: LocationOperation, id: string): Promise<Error> {
    const now = await tx.findOne(Image, id, { fields: ['status', 'deleted'], disableIdentityMap: true });
    if (!now || now.deleted) return new NotFoundError(`no image with id ${id}`);
    return this.refusal(operation, id, now.status as ImageStatus);
  }

  private refusal(operation: LocationOperation, id: string, status: ImageStatus): Error {
    if (!canChangeLocations(operation, status)) return locationStatusConflict(operation, id, status);
    return new ConflictError(`image ${id} changed while its locations were being changed; try again`);
  }

  private async reloaded(image: Image): Promise<Image> {
    await this.deps.em.refresh(image);
    this.locations.clear(image.id);
    return image;
  }
}

/** What Glance's schema checks first: URL length, metadata shape, validation data shape (400). */
function checkedShape(input: LocationInput): CheckedLocation {
  assertLocationUrlLength(input.url);
  const metadata = input.metadata ?? {};
  assertLocationMetadata(metadata);
  if (input.validationData) assertValidationDataShape(input.validationData);
  return { url: input.url, metadata };
}

/** What a QUEUED image that gets locations takes from them when it becomes ACTIVE: its size and validation data. */
type Activation = { size: number } & ValidationValues;

function activation(image: Image, size: number, validation: ValidationValues): Activation | null {
  if (image.status !== 'queued') return null;
  assertFormatsSet(image, 'giving it a location');
  return { size, ...validation };
}
