import type { ImageStatus } from '../../domain/images/image-values.js';
import type { ImageVisibility } from '../../domain/images/image-values.js';
import type { DiskFormat } from '../../domain/images/image-values.js';
import type { ContainerFormat } from '../../domain/images/image-values.js';
import type { SortDirection } from '../../domain/images/image-values.js';
import type { ImageSortField } from '../../domain/images/image-values.js';
import type { MemberStatus } from '../../domain/members/member-values.js';
import type { TaskType } from '../../domain/tasks/task-values.js';
import type { TaskStatus } from '../../domain/tasks/task-values.js';
import type { TaskSortField } from '../../domain/tasks/task-values.js';
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Image as ImageEntity, ImageLocation as ImageLocationEntity, ImageMember as ImageMemberEntity, Task as TaskEntity } from '../../persistence/entities/index.js';
import type { ImagePropertyRow } from '../../domain/images/property-loader.js';
import type { ImagePage } from '../../domain/images/image-list.js';
import type { TaskPage } from '../../domain/tasks/task-list.js';
import type { PageInfo as PageInfoModel } from '../../domain/pagination.js';
import type { Identity } from '../../domain/identity.js';
import type { ImageDelivery, TaskDelivery } from '../../domain/live/live-changes.js';
import type { TransferProgress as TransferProgressValue } from '../../domain/live/change-events.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type EnumResolverSignature<T, AllowedValues = any> = { [key in keyof T]?: AllowedValues };
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, serialized as an ISO 8601 string in UTC (for example `2026-11-24T18:42:48.123Z`). */
  DateTime: { input: Date; output: Date | string; }
  /** Any JSON value: an object, an array, a string, a number, a boolean or null. */
  JSON: { input: unknown; output: unknown; }
  /**
   * An integer that is exact in JavaScript: between -(2^53 - 1) and 2^53 - 1. Used for byte counts, which outgrow
   * GraphQL's 32-bit `Int`.
   */
  SafeInt: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A location to add at the end of an image's list. */
export type AddImageLocationInput = {
  /** The image. */
  imageId: Scalars['ID']['input'];
  /** A JSON object of strings, objects and lists; `{}` when absent. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** An http or https URL of at most 255 characters whose server answers HEAD with a size above zero. */
  url: Scalars['String']['input'];
  /** Checksum and hash of the data at the URL; accepted only while the image is QUEUED. */
  validationData?: InputMaybe<ValidationDataInput>;
};

/** Share an image with a project. */
export type AddImageMemberInput = {
  /** The image to share; it must be SHARED. */
  imageId: Scalars['ID']['input'];
  /** The project to share it with (at most 255 characters). */
  memberId: Scalars['String']['input'];
};

/** What happened to the image or task an event is about. */
export type ChangeKind =
  /** It was created. */
  | 'CREATED'
  /** It was deleted; nothing more is sent about it. */
  | 'DELETED'
  /** Its data is arriving (an upload or an import); `progress` says how far it is. */
  | 'PROGRESS'
  /** Something a client would show changed: status, name or other fields, tags, properties, locations, data, members. */
  | 'UPDATED';

export { ContainerFormat };

/** A new image record (with no data yet). */
export type CreateImageInput = {
  /** The container format; must be one the server accepts. */
  containerFormat?: InputMaybe<ContainerFormat>;
  /** The disk format; must be one the server accepts. */
  diskFormat?: InputMaybe<DiskFormat>;
  /** A UUID for the new image; one is generated when absent. An id used before (even by a deleted image) is refused. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Minimum disk in GB (0 to 2147483647). */
  minDisk?: InputMaybe<Scalars['Int']['input']>;
  /** Minimum memory in MB (0 to 2147483647). */
  minRam?: InputMaybe<Scalars['Int']['input']>;
  /** A descriptive name, at most 255 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Whether the image is hidden from default lists. */
  osHidden?: InputMaybe<Scalars['Boolean']['input']>;
  /** The owning project; defaults to the caller's. Only admins may name another project. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Custom properties. */
  properties?: InputMaybe<Array<ImagePropertyInput>>;
  /** Whether the image is protected from deletion. */
  protected?: InputMaybe<Scalars['Boolean']['input']>;
  /** Tags, each at most 255 characters; duplicates collapse. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Who can see the image; SHARED when absent. PUBLIC needs the `publicize_image` policy (admins by default). */
  visibility?: InputMaybe<ImageVisibility>;
};

/** A new task. */
export type CreateTaskInput = {
  /** The task's input; for IMPORT, what to fetch and the image to create. */
  input: ImportTaskInput;
  /** What the task does. */
  type: TaskType;
};

/** An inclusive time range; either end may be left open. */
export type DateTimeRange = {
  /** At or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** At or before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The image to deactivate. */
export type DeactivateImageInput = {
  /** The image id. */
  id: Scalars['ID']['input'];
};

/** The image to delete. */
export type DeleteImageInput = {
  /** The image id. */
  id: Scalars['ID']['input'];
};

/** The result of deleting an image. */
export type DeleteImagePayload = {
  __typename?: 'DeleteImagePayload';
  /** The id of the deleted image. */
  id: Scalars['ID']['output'];
};

export { DiskFormat };

/** A virtual machine image: its metadata, as Glance's Images API v2 describes it. */
export type Image = Node & {
  __typename?: 'Image';
  /** MD5 hex digest of the image data (kept for compatibility; prefer osHashValue). */
  checksum?: Maybe<Scalars['String']['output']>;
  /** The container format; must be set before data is uploaded. */
  containerFormat?: Maybe<ContainerFormat>;
  /** When the image was created. */
  createdAt: Scalars['DateTime']['output'];
  /**
   * The URL of the first location, when the server's `show_image_direct_url` option is on (off by default); null
   * otherwise, and for non-admins when the image is DEACTIVATED. It reveals a location, so it is guarded like
   * `locations`.
   */
  directUrl?: Maybe<Scalars['String']['output']>;
  /** The disk format; must be set before data is uploaded. */
  diskFormat?: Maybe<DiskFormat>;
  /**
   * The path of the image's data on this server, relative to the server's base URL: `PUT` uploads the data
   * (`Content-Type: application/octet-stream`), `GET` downloads it (with `Range` support). Bytes do not go
   * through GraphQL.
   */
  file: Scalars['String']['output'];
  /** The image's id, a UUID. */
  id: Scalars['ID']['output'];
  /**
   * Where the image's data is stored, in the order they are tried for downloads. Empty when the server's
   * `show_multiple_locations` option is off (the default) and, for non-admins, when the image is DEACTIVATED.
   * Null, with a FORBIDDEN error on this field only, when `get_image_location` does not let the caller read them.
   */
  locations?: Maybe<Array<ImageLocation>>;
  /**
   * The projects this image is shared with. The owner's project (and an admin) sees every member; a member project
   * sees only its own entry. Images that are not SHARED have no members: the list is empty (members added while the
   * image was SHARED come back if it is made SHARED again). Null, with a FORBIDDEN error on this field, when policy
   * `get_members` denies it, for example to a project that is neither the owner nor a member.
   */
  members?: Maybe<Array<ImageMember>>;
  /** Disk space in GB that a server booted from this image needs at least. */
  minDisk: Scalars['Int']['output'];
  /** Memory in MB that a server booted from this image needs at least. */
  minRam: Scalars['Int']['output'];
  /** A descriptive name; not unique. Null when none was given. */
  name?: Maybe<Scalars['String']['output']>;
  /** The algorithm of `osHashValue` (`sha512`). */
  osHashAlgo?: Maybe<Scalars['String']['output']>;
  /** Hex digest of the image data computed with `osHashAlgo`. */
  osHashValue?: Maybe<Scalars['String']['output']>;
  /** Hidden images are left out of image lists unless the filter asks for them. */
  osHidden: Scalars['Boolean']['output'];
  /** The project that owns the image. Null for images that belong to no project. */
  owner?: Maybe<Scalars['String']['output']>;
  /** Custom properties (anything beyond the fields above), ordered by key. */
  properties: Array<ImageProperty>;
  /** A protected image cannot be deleted until this is turned off. */
  protected: Scalars['Boolean']['output'];
  /** Size of the image data in bytes. Null until data is uploaded. */
  size?: Maybe<Scalars['SafeInt']['output']>;
  /** Where the image is in its life. */
  status: ImageStatus;
  /** Tags on the image, in alphabetical order. */
  tags: Array<Scalars['String']['output']>;
  /** When the image record last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** What the caller may do with this image. */
  viewerCan: ImageViewerPermissions;
  /** Size of the virtual disk in bytes, when known. */
  virtualSize?: Maybe<Scalars['SafeInt']['output']>;
  /** Who can see the image. */
  visibility: ImageVisibility;
};

/** One change of an image. */
export type ImageChange = {
  __typename?: 'ImageChange';
  /** The image as the subscriber may see it at delivery; null on DELETED. */
  image?: Maybe<Image>;
  /** The image's id. */
  imageId: Scalars['ID']['output'];
  /** What happened. */
  kind: ChangeKind;
  /** How far its data has arrived; set on PROGRESS only. */
  progress?: Maybe<TransferProgress>;
};

/** A page of images. */
export type ImageConnection = {
  __typename?: 'ImageConnection';
  /** The images of this page, each with its cursor. */
  edges: Array<ImageEdge>;
  /** The images of this page, without cursors (the nodes of `edges`). */
  nodes: Array<Image>;
  /** Where this page stands and where to continue. */
  pageInfo: PageInfo;
  /** How many images the list holds in all, whatever the page (its filter, no cursors); counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

/** One image in a page of images. */
export type ImageEdge = {
  __typename?: 'ImageEdge';
  /** Pass as `after` to continue the list after this image, or as `before` for the images before it. */
  cursor: Scalars['String']['output'];
  /** The image. */
  node: Image;
};

/** Which images to list. All given conditions must hold. */
export type ImageFilter = {
  /** Images in any of these container formats. */
  containerFormat?: InputMaybe<Array<ContainerFormat>>;
  /** Images created in this range. */
  createdAt?: InputMaybe<DateTimeRange>;
  /** Images in any of these disk formats. */
  diskFormat?: InputMaybe<Array<DiskFormat>>;
  /**
   * Which images shared with the caller's project to include: those whose membership has this status. ACCEPTED
   * unless given. The caller's own images and public images are listed whatever this says; admins see every image
   * and are not narrowed by it.
   */
  memberStatus?: InputMaybe<MemberStatus>;
  /** Images with exactly this name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Only hidden (true) or only visible (false) images. Without it, hidden images are left out. */
  osHidden?: InputMaybe<Scalars['Boolean']['input']>;
  /** Images owned by this project. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Only protected (true) or only unprotected (false) images. */
  protected?: InputMaybe<Scalars['Boolean']['input']>;
  /** Images of at most this many bytes. */
  sizeMax?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Images of at least this many bytes. */
  sizeMin?: InputMaybe<Scalars['SafeInt']['input']>;
  /** Images in any of these statuses. */
  status?: InputMaybe<Array<ImageStatus>>;
  /** Images that carry every one of these tags. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Images last changed in this range. */
  updatedAt?: InputMaybe<DateTimeRange>;
  /**
   * Images with this visibility. Without it, the list holds public images, the caller's project's images and images
   * shared with the caller's project (other projects' community images only appear when COMMUNITY is asked for).
   */
  visibility?: InputMaybe<ImageVisibility>;
};

/** The disk and container formats this server accepts, as configured by `disk_formats` and `container_formats`. */
export type ImageFormats = {
  __typename?: 'ImageFormats';
  /** Accepted container formats. */
  containerFormats: Array<ContainerFormat>;
  /** Accepted disk formats (`VHDX` among them by default). */
  diskFormats: Array<DiskFormat>;
};

/**
 * A place the image's data is stored: a URL, and metadata describing it for the store. The data uploaded with
 * `PUT /v2/images/{id}/file` gets a `file://` location in this server's store; other locations are http(s) URLs set
 * with `addImageLocation` or `replaceImageLocations`.
 */
export type ImageLocation = {
  __typename?: 'ImageLocation';
  /** Store-specific facts about the location: a JSON object of strings, objects and lists. */
  metadata: Scalars['JSON']['output'];
  /** Where the data is. */
  url: Scalars['String']['output'];
};

/** A location to set on an image. */
export type ImageLocationInput = {
  /** A JSON object of strings, objects and lists; `{}` when absent. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** An http or https URL of at most 255 characters whose server answers HEAD with a size above zero. */
  url: Scalars['String']['input'];
  /** Checksum and hash of the data at the URL; accepted only while the image is QUEUED. */
  validationData?: InputMaybe<ValidationDataInput>;
};

/** A project a SHARED image is shared with (an image member, in Glance's words). */
export type ImageMember = Node & {
  __typename?: 'ImageMember';
  /** When the image was shared with the project (again, if it had been removed before). */
  createdAt: Scalars['DateTime']['output'];
  /**
   * A stable, opaque id of this membership, derived from the image and the member project: the same pair always has
   * the same id (also after the project was removed and added again).
   */
  id: Scalars['ID']['output'];
  /** The shared image. */
  image: Image;
  /** The shared image's id. */
  imageId: Scalars['ID']['output'];
  /** The project the image is shared with. */
  memberId: Scalars['String']['output'];
  /** Whether the project accepted the image. */
  status: MemberStatus;
  /** When the membership last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** The result of adding or updating an image member. */
export type ImageMemberPayload = {
  __typename?: 'ImageMemberPayload';
  /** The membership as it is now. */
  member: ImageMember;
};

/** The result of a mutation that changes one image. */
export type ImagePayload = {
  __typename?: 'ImagePayload';
  /** The image as it is after the change. */
  image: Image;
};

/** A custom property of an image: a string value under a key. */
export type ImageProperty = {
  __typename?: 'ImageProperty';
  /** The property name, for example `os_distro`. */
  key: Scalars['String']['output'];
  /** The property value. */
  value: Scalars['String']['output'];
};

/** A custom property to set. */
export type ImagePropertyInput = {
  /** The property name: at most 255 characters, not one of Glance's reserved names, not starting with `os_glance`. */
  key: Scalars['String']['input'];
  /** The property value. */
  value: Scalars['String']['input'];
};

/** One sort key of an image list. */
export type ImageSort = {
  /**
   * The order; descending unless given. Images with no value for the field (no name, no size yet) come first in
   * ascending order and last in descending order.
   */
  direction?: InputMaybe<SortDirection>;
  /** The field to sort by. */
  field: ImageSortField;
};

export { ImageSortField };

export { ImageStatus };

/** A tag to add to or remove from an image. */
export type ImageTagInput = {
  /** The image id. */
  imageId: Scalars['ID']['input'];
  /** The tag, at most 255 characters. */
  tag: Scalars['String']['input'];
};

/**
 * What the caller may do with an image right now, decided by the same policies and status rules as the mutations,
 * so a frontend can hide a button instead of catching an error.
 */
export type ImageViewerPermissions = {
  __typename?: 'ImageViewerPermissions';
  /** Whether `deactivateImage` would succeed (policy `deactivate`; the image is ACTIVE or already DEACTIVATED). */
  deactivate: Scalars['Boolean']['output'];
  /** Whether `deleteImage` would succeed (policies `delete_image`, and `delete_deactivated_image` when DEACTIVATED; not protected). */
  delete: Scalars['Boolean']['output'];
  /** Whether the data can be downloaded (policy `download_image`; ACTIVE, or DEACTIVATED for admins). */
  download: Scalars['Boolean']['output'];
  /** Whether the metadata may be changed (policy `modify_image`). */
  modify: Scalars['Boolean']['output'];
  /** Whether `reactivateImage` would succeed (policy `reactivate`; the image is DEACTIVATED or already ACTIVE). */
  reactivate: Scalars['Boolean']['output'];
  /** Whether a location may be added now (policy `set_image_location`, `show_multiple_locations` on, image QUEUED or ACTIVE). */
  setLocation: Scalars['Boolean']['output'];
};

export { ImageVisibility };

/** What an IMPORT task fetches and the image it creates. */
export type ImportTaskInput = {
  /**
   * The new image's fields, as for `createImage`. `containerFormat` is required; `diskFormat`, when given, must
   * equal `importFromFormat`.
   */
  imageProperties: CreateImageInput;
  /**
   * The http or https URL of the image data. It must pass the server's outbound URL filter (`allowed_schemes`,
   * `allowed_hosts`, `allowed_ports` and their `disallowed_` counterparts); addresses of the server itself, link-local
   * and metadata addresses are refused unless the host is listed in `allowed_hosts`.
   */
  importFrom: Scalars['String']['input'];
  /** The disk format of the data at `importFrom`; it becomes the image's disk format (no conversion is done). */
  importFromFormat: DiskFormat;
};

export { MemberStatus };

/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Add a location to a QUEUED or ACTIVE image (any other status is a CONFLICT, for admins too). A QUEUED image
   * becomes ACTIVE, taking its size from the location (its formats must be set). FORBIDDEN when the server's
   * `show_multiple_locations` option is off; PAYLOAD_TOO_LARGE beyond `image_location_quota` or the storage quota;
   * BAD_USER_INPUT for a URL the server may not use (file URLs, internal addresses, unlisted hosts or ports) or a
   * duplicate (same URL and metadata).
   */
  addImageLocation?: Maybe<ImagePayload>;
  /**
   * Share a SHARED image with a project, which starts as PENDING. Only the owner's project (or an admin) may; an
   * image of another visibility is FORBIDDEN; a project that is already a member is a CONFLICT; more than
   * `image_member_quota` members is PAYLOAD_TOO_LARGE. A project removed earlier can be added again.
   */
  addImageMember?: Maybe<ImageMemberPayload>;
  /** Add a tag to an image; adding a tag it already has changes nothing. */
  addImageTag?: Maybe<ImagePayload>;
  /**
   * Create an image record in status QUEUED. Upload its data afterwards with `PUT /v2/images/{id}/file`. Needs the
   * `add_image` policy, checked (as in Glance) against the image to be created: its `owner` (also as `project_id`) and
   * `visibility`, so a rule can refuse some visibilities (`FORBIDDEN`).
   */
  createImage?: Maybe<ImagePayload>;
  /**
   * Create a task; it runs in the background. The input is checked first (`BAD_USER_INPUT` for a bad URL, format or
   * image field). An IMPORT creates its image at once (QUEUED) and fills it from `importFrom`; the task ends SUCCESS
   * with the image ACTIVE, or FAILURE with the image deleted. Creating the image also needs the `add_image` policy,
   * checked after the input against the image to be created (its owner and visibility), as on `createImage`.
   */
  createTask?: Maybe<TaskPayload>;
  /**
   * Take an ACTIVE image out of use: non-admins can no longer download it and its data cannot change. Deactivating
   * a DEACTIVATED image changes nothing; any other status is a CONFLICT.
   */
  deactivateImage?: Maybe<ImagePayload>;
  /**
   * Delete an image and its data. A protected image cannot be deleted. A deactivated image also needs the
   * `delete_deactivated_image` policy, so operators can keep suspect images for review.
   */
  deleteImage?: Maybe<DeleteImagePayload>;
  /**
   * Soft-delete every expired task now instead of waiting for the sweeper (which runs every `task_sweep_interval`
   * seconds). Administrators only.
   */
  purgeExpiredTasks?: Maybe<PurgeExpiredTasksPayload>;
  /**
   * Put a DEACTIVATED image back into use. Reactivating an ACTIVE image changes nothing; any other status is a
   * CONFLICT.
   */
  reactivateImage?: Maybe<ImagePayload>;
  /**
   * Remove a location from an ACTIVE image (any other status is a CONFLICT), deleting the data if it is in this
   * server's store. The last location cannot be removed (FORBIDDEN).
   */
  removeImageLocation?: Maybe<ImagePayload>;
  /**
   * Stop sharing an image with a project. Only the owner's project (or an admin) may; a project that is not a member
   * is NOT_FOUND.
   */
  removeImageMember?: Maybe<RemoveImageMemberPayload>;
  /** Remove a tag from an image; the tag must be there. */
  removeImageTag?: Maybe<ImagePayload>;
  /**
   * Set the whole location list of a QUEUED or ACTIVE image (any other status is a CONFLICT). An image that has
   * locations can only have them reordered or their metadata changed; an empty list is FORBIDDEN. A QUEUED image
   * becomes ACTIVE.
   */
  replaceImageLocations?: Maybe<ImagePayload>;
  /** Change an image's metadata. */
  updateImage?: Maybe<ImagePayload>;
  /**
   * Accept or reject an image shared with the caller's project. Only the member project itself (or an admin) may
   * answer: the owner's project is FORBIDDEN, and another member's entry is NOT_FOUND.
   */
  updateImageMember?: Maybe<ImageMemberPayload>;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationAddImageLocationArgs = {
  input: AddImageLocationInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationAddImageMemberArgs = {
  input: AddImageMemberInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationAddImageTagArgs = {
  input: ImageTagInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationCreateImageArgs = {
  input: CreateImageInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationDeactivateImageArgs = {
  input: DeactivateImageInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationDeleteImageArgs = {
  input: DeleteImageInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationReactivateImageArgs = {
  input: ReactivateImageInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationRemoveImageLocationArgs = {
  input: RemoveImageLocationInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationRemoveImageMemberArgs = {
  input: RemoveImageMemberInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationRemoveImageTagArgs = {
  input: ImageTagInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationReplaceImageLocationsArgs = {
  input: ReplaceImageLocationsInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationUpdateImageArgs = {
  input: UpdateImageInput;
};


/**
 * Write operations. Each takes a single `input` argument and returns a payload. Every payload is nullable: when
 * one root field of a request fails, its field is null with its error in `errors`, and the other fields still answer
 * with what they committed.
 */
export type MutationUpdateImageMemberArgs = {
  input: UpdateImageMemberInput;
};

/**
 * An object the server can find again by its id alone (Relay's global object identification): `node(id)` answers it.
 * Images and tasks keep Glance's UUIDs as their ids.
 */
export type Node = {
  /** The object's id, unique across every type that implements Node. */
  id: Scalars['ID']['output'];
};

/** Where a page of a connection stands in the list, so the client can ask for the pages before and after it. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last item of this page; pass it as `after` to get the next page. Null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /**
   * Whether more items follow this page. Paging forward (`first`), from the page itself; paging backward (`last`),
   * whether any item lies at or after `before` (false without `before`).
   */
  hasNextPage: Scalars['Boolean']['output'];
  /**
   * Whether items come before this page. Paging backward (`last`), from the page itself; paging forward (`first`),
   * whether any item lies at or before `after` (false without `after`).
   */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first item of this page; pass it as `before` to get the page before. Null on an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** The result of soft-deleting expired tasks on demand. */
export type PurgeExpiredTasksPayload = {
  __typename?: 'PurgeExpiredTasksPayload';
  /** How many expired tasks were soft-deleted by this call. */
  softDeletedCount: Scalars['Int']['output'];
};

/** Read operations. */
export type Query = {
  __typename?: 'Query';
  /**
   * One image by id; null when there is no such image or the caller may not see it. Guarded by the `get_image` policy
   * (checked against the image): where it denies, the answer is null too, as for an image that does not exist.
   */
  image?: Maybe<Image>;
  /** The formats this server accepts. */
  imageFormats: ImageFormats;
  /**
   * One member of an image: the owner's project (and an admin) may read any member, a member project only its own
   * entry. Null when the project is not a member the caller may see, or the image is not SHARED.
   */
  imageMember?: Maybe<ImageMember>;
  /**
   * A page of the images the caller can see, newest first unless `sort` says otherwise. Pages are cut by cursor
   * (`after`), so they stay stable while images are added.
   */
  images: ImageConnection;
  /**
   * The image, task or image member with this id, under the same policies and visibility as `image`, `task` and
   * `imageMember`: null when there is none or the caller may not see it.
   */
  node?: Maybe<Node>;
  /** The objects with these ids, in the same order, each as `node(id)` answers it (at most `api_limit_max` ids). */
  nodes: Array<Maybe<Node>>;
  /**
   * A page of SHARED images other projects share with the caller's project, with the given member status (ACCEPTED
   * unless given). The same images `images(filter: { visibility: SHARED, memberStatus })` lists, without the
   * caller's own.
   */
  sharedWithMe: ImageConnection;
  /**
   * One task by id; null when there is no such task, the caller's project does not own it (admins see every
   * project's tasks), or it has expired or been deleted.
   */
  task?: Maybe<Task>;
  /**
   * A page of the tasks the caller can see (their project's, or every project's for an admin), newest first unless
   * `sort` says otherwise. Expired and deleted tasks never appear.
   */
  tasks: TaskConnection;
  /** Who is calling. */
  viewer: Viewer;
};


/** Read operations. */
export type QueryImageArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. */
export type QueryImageMemberArgs = {
  imageId: Scalars['ID']['input'];
  memberId: Scalars['String']['input'];
};


/** Read operations. */
export type QueryImagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImageFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<ImageSort>>;
};


/** Read operations. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Read operations. */
export type QuerySharedWithMeArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<ImageSort>>;
  status?: InputMaybe<MemberStatus>;
};


/** Read operations. */
export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. */
export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<TaskSort>>;
};

/** The image to reactivate. */
export type ReactivateImageInput = {
  /** The image id. */
  id: Scalars['ID']['input'];
};

/** A location to remove from an image. */
export type RemoveImageLocationInput = {
  /** The image. */
  imageId: Scalars['ID']['input'];
  /** The URL to remove; every location of the image with this URL is removed. */
  url: Scalars['String']['input'];
};

/** Stop sharing an image with a project. */
export type RemoveImageMemberInput = {
  /** The shared image. */
  imageId: Scalars['ID']['input'];
  /** The project to remove. */
  memberId: Scalars['String']['input'];
};

/** The result of removing an image member. */
export type RemoveImageMemberPayload = {
  __typename?: 'RemoveImageMemberPayload';
  /** The image, which the removed project no longer sees (unless it is visible to it in another way). */
  image: Image;
  /** The project that was removed. */
  memberId: Scalars['String']['output'];
};

/** A new location list for an image. */
export type ReplaceImageLocationsInput = {
  /** The image. */
  imageId: Scalars['ID']['input'];
  /**
   * The new list, in order; not empty. When the image already has locations, the list must hold exactly the same
   * URLs (only the order and metadata may change).
   */
  locations: Array<ImageLocationInput>;
};

export { SortDirection };

/**
 * Live updates, pushed to the client as they happen: over WebSocket (`graphql-transport-ws`, the `graphql-ws`
 * library) at `/graphql`, or over Server-Sent Events (`graphql-sse`, distinct connections mode) at `/graphql/stream`.
 * Every event is checked for the subscriber when it is delivered, and `image` or `task` is read then with the
 * subscriber's own permissions, as a query would read it.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Every change of one image: its fields, tags, properties, locations, data and members (UPDATED), upload and
   * import progress (PROGRESS), and its deletion (DELETED), after which the subscription completes. Subscribing to
   * an image the caller may not read answers `NOT_FOUND`. Should the caller lose access meanwhile, the subscription
   * ends with a `NOT_FOUND` error (the image is no longer visible to it) or `FORBIDDEN` (a policy now denies it).
   */
  imageChanged: ImageChange;
  /**
   * Images created, changed or deleted, among those the caller may list at the moment of each change (progress is
   * sent only to `imageChanged`). Other images' changes are not sent.
   */
  imagesChanged: ImageChange;
  /**
   * One task: first its state as the subscription starts (kind UPDATED), then each status change and its import's
   * progress. Completes after the task reaches SUCCESS or FAILURE. Subscribing to a task the caller may not read
   * answers `NOT_FOUND`.
   */
  taskChanged: TaskChange;
};


/**
 * Live updates, pushed to the client as they happen: over WebSocket (`graphql-transport-ws`, the `graphql-ws`
 * library) at `/graphql`, or over Server-Sent Events (`graphql-sse`, distinct connections mode) at `/graphql/stream`.
 * Every event is checked for the subscriber when it is delivered, and `image` or `task` is read then with the
 * subscriber's own permissions, as a query would read it.
 */
export type SubscriptionImageChangedArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Live updates, pushed to the client as they happen: over WebSocket (`graphql-transport-ws`, the `graphql-ws`
 * library) at `/graphql`, or over Server-Sent Events (`graphql-sse`, distinct connections mode) at `/graphql/stream`.
 * Every event is checked for the subscriber when it is delivered, and `image` or `task` is read then with the
 * subscriber's own permissions, as a query would read it.
 */
export type SubscriptionTaskChangedArgs = {
  id: Scalars['ID']['input'];
};

/**
 * A background job, such as an image import. Tasks disappear from every query once they expire (`expiresAt`), and
 * are soft-deleted by the server's sweeper soon after.
 */
export type Task = Node & {
  __typename?: 'Task';
  /** When the task was created. */
  createdAt: Scalars['DateTime']['output'];
  /**
   * When the task stops being returned: set when it reaches SUCCESS or FAILURE, to that moment plus
   * `task_time_to_live` hours. Null while the task is running.
   */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The task id (a UUID). */
  id: Scalars['ID']['output'];
  /** The image the task created, while the caller can see it; null when there is none or it was deleted. */
  image?: Maybe<Image>;
  /** The input the task was created with, as stored (enum values in lowercase, as Glance stores them). */
  input: Scalars['JSON']['output'];
  /** Why the task failed, in words a person can act on; empty unless the status is FAILURE. */
  message: Scalars['String']['output'];
  /** The project that created the task. */
  owner: Scalars['String']['output'];
  /** What the task produced once it succeeded, for an import `{ "imageId": ... }`; null until then. */
  result?: Maybe<Scalars['JSON']['output']>;
  /** Where the task is in its life. */
  status: TaskStatus;
  /** What the task does. */
  type: TaskType;
  /** When the task last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** One change of a task. */
export type TaskChange = {
  __typename?: 'TaskChange';
  /** What happened. */
  kind: ChangeKind;
  /** How far its import's data has arrived; set on PROGRESS only. */
  progress?: Maybe<TransferProgress>;
  /** The task as the subscriber may see it at delivery. */
  task?: Maybe<Task>;
  /** The task's id. */
  taskId: Scalars['ID']['output'];
};

/** A page of tasks. */
export type TaskConnection = {
  __typename?: 'TaskConnection';
  /** The tasks of this page, each with its cursor. */
  edges: Array<TaskEdge>;
  /** The tasks of this page, without cursors (the nodes of `edges`). */
  nodes: Array<Task>;
  /** Where this page stands and where to continue. */
  pageInfo: PageInfo;
  /** How many tasks the list holds in all, whatever the page (its filter, no cursors); counted only when asked for. */
  totalCount: Scalars['Int']['output'];
};

/** One task in a page of tasks. */
export type TaskEdge = {
  __typename?: 'TaskEdge';
  /** Pass as `after` to continue the list after this task, or as `before` for the tasks before it. */
  cursor: Scalars['String']['output'];
  /** The task. */
  node: Task;
};

/** Which tasks to list. All given conditions must hold. */
export type TaskFilter = {
  /** Tasks in any of these statuses. */
  status?: InputMaybe<Array<TaskStatus>>;
  /** Tasks of this type. */
  type?: InputMaybe<TaskType>;
};

/** The result of creating a task. */
export type TaskPayload = {
  __typename?: 'TaskPayload';
  /** The task, as accepted (PENDING); follow it with `task(id)`. */
  task: Task;
};

/** One sort key of a task list. */
export type TaskSort = {
  /** The order; descending unless given. */
  direction?: InputMaybe<SortDirection>;
  /** The field to sort by. */
  field: TaskSortField;
};

export { TaskSortField };

export { TaskStatus };

export { TaskType };

/** How far a transfer of image data has come. Sent at most every 250 milliseconds while bytes arrive, and once at the end. */
export type TransferProgress = {
  __typename?: 'TransferProgress';
  /** Bytes received so far. */
  bytesDone: Scalars['SafeInt']['output'];
  /** The bytes expected in all (the upload's Content-Length, or the import source's size); null when unknown. */
  bytesTotal?: Maybe<Scalars['SafeInt']['output']>;
};

/** Changes to an image. Fields left out stay as they are; a field given as null is cleared where that is allowed. */
export type UpdateImageInput = {
  /** A new container format; only while the image is QUEUED. */
  containerFormat?: InputMaybe<ContainerFormat>;
  /** A new disk format; only while the image is QUEUED. */
  diskFormat?: InputMaybe<DiskFormat>;
  /** The image to change. */
  id: Scalars['ID']['input'];
  /** Minimum disk in GB. */
  minDisk?: InputMaybe<Scalars['Int']['input']>;
  /** Minimum memory in MB. */
  minRam?: InputMaybe<Scalars['Int']['input']>;
  /** A new name, or null to clear it. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Hide or show the image in default lists. */
  osHidden?: InputMaybe<Scalars['Boolean']['input']>;
  /** A new owning project; admins only. */
  owner?: InputMaybe<Scalars['String']['input']>;
  /** Protect or unprotect the image. */
  protected?: InputMaybe<Scalars['Boolean']['input']>;
  /** Custom properties to remove; each must exist. */
  removeProperties?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Custom properties to add or overwrite. */
  setProperties?: InputMaybe<Array<ImagePropertyInput>>;
  /** A new visibility. PUBLIC needs `publicize_image`, COMMUNITY needs `communitize_image`. */
  visibility?: InputMaybe<ImageVisibility>;
};

/** Accept or reject an image shared with the caller's project. */
export type UpdateImageMemberInput = {
  /** The shared image. */
  imageId: Scalars['ID']['input'];
  /** The member project whose answer changes: the caller's own project (admins may name any member). */
  memberId: Scalars['String']['input'];
  /** The new status. */
  status: MemberStatus;
};

/**
 * Values a client vouches for about the data at a location. They are copied onto a QUEUED image when the location
 * makes it ACTIVE; they are not checked against the data, so only give values you trust.
 */
export type ValidationDataInput = {
  /** MD5 hex digest of the data (32 hex digits). */
  checksum?: InputMaybe<Scalars['String']['input']>;
  /** The hash algorithm; must be `sha512`, the algorithm this server uses. */
  osHashAlgo: Scalars['String']['input'];
  /** The sha512 hex digest of the data (128 hex digits). */
  osHashValue: Scalars['String']['input'];
};

/** The caller, as the server sees them after checking their token. */
export type Viewer = {
  __typename?: 'Viewer';
  /** Whether the caller has the `admin` role. */
  isAdmin: Scalars['Boolean']['output'];
  /** The project the caller acts for (the token's `project_id` claim); null for a token without a project. */
  projectId?: Maybe<Scalars['String']['output']>;
  /** The caller's roles, including the roles they imply (admin implies member, member implies reader). */
  roles: Array<Scalars['String']['output']>;
  /** The user id (the token's `sub` claim). */
  userId: Scalars['String']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Image: Image;
  Task: Task;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Image:
    ( { __typename: 'Image' }
    & GraphQLRecursivePick<FederationTypes['Image'], {"id":true}> );
  Task:
    ( { __typename: 'Task' }
    & GraphQLRecursivePick<FederationTypes['Task'], {"id":true}> );
};


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( ImageEntity )
    | ( ImageMemberEntity )
    | ( TaskEntity )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AddImageLocationInput: AddImageLocationInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddImageMemberInput: AddImageMemberInput;
  ChangeKind: ChangeKind;
  ContainerFormat: ContainerFormat;
  CreateImageInput: CreateImageInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CreateTaskInput: CreateTaskInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DateTimeRange: DateTimeRange;
  DeactivateImageInput: DeactivateImageInput;
  DeleteImageInput: DeleteImageInput;
  DeleteImagePayload: ResolverTypeWrapper<DeleteImagePayload>;
  DiskFormat: DiskFormat;
  Image: ResolverTypeWrapper<ImageEntity>;
  ImageChange: ResolverTypeWrapper<ImageDelivery>;
  ImageConnection: ResolverTypeWrapper<ImagePage>;
  ImageEdge: ResolverTypeWrapper<Omit<ImageEdge, 'node'> & { node: ResolversTypes['Image'] }>;
  ImageFilter: ImageFilter;
  ImageFormats: ResolverTypeWrapper<ImageFormats>;
  ImageLocation: ResolverTypeWrapper<ImageLocationEntity>;
  ImageLocationInput: ImageLocationInput;
  ImageMember: ResolverTypeWrapper<ImageMemberEntity>;
  ImageMemberPayload: ResolverTypeWrapper<Omit<ImageMemberPayload, 'member'> & { member: ResolversTypes['ImageMember'] }>;
  ImagePayload: ResolverTypeWrapper<Omit<ImagePayload, 'image'> & { image: ResolversTypes['Image'] }>;
  ImageProperty: ResolverTypeWrapper<ImagePropertyRow>;
  ImagePropertyInput: ImagePropertyInput;
  ImageSort: ImageSort;
  ImageSortField: ImageSortField;
  ImageStatus: ImageStatus;
  ImageTagInput: ImageTagInput;
  ImageViewerPermissions: ResolverTypeWrapper<ImageViewerPermissions>;
  ImageVisibility: ImageVisibility;
  ImportTaskInput: ImportTaskInput;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  MemberStatus: MemberStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfoModel>;
  PurgeExpiredTasksPayload: ResolverTypeWrapper<PurgeExpiredTasksPayload>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReactivateImageInput: ReactivateImageInput;
  RemoveImageLocationInput: RemoveImageLocationInput;
  RemoveImageMemberInput: RemoveImageMemberInput;
  RemoveImageMemberPayload: ResolverTypeWrapper<Omit<RemoveImageMemberPayload, 'image'> & { image: ResolversTypes['Image'] }>;
  ReplaceImageLocationsInput: ReplaceImageLocationsInput;
  SafeInt: ResolverTypeWrapper<Scalars['SafeInt']['output']>;
  SortDirection: SortDirection;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Task: ResolverTypeWrapper<TaskEntity>;
  TaskChange: ResolverTypeWrapper<TaskDelivery>;
  TaskConnection: ResolverTypeWrapper<TaskPage>;
  TaskEdge: ResolverTypeWrapper<Omit<TaskEdge, 'node'> & { node: ResolversTypes['Task'] }>;
  TaskFilter: TaskFilter;
  TaskPayload: ResolverTypeWrapper<Omit<TaskPayload, 'task'> & { task: ResolversTypes['Task'] }>;
  TaskSort: TaskSort;
  TaskSortField: TaskSortField;
  TaskStatus: TaskStatus;
  TaskType: TaskType;
  TransferProgress: ResolverTypeWrapper<TransferProgressValue>;
  UpdateImageInput: UpdateImageInput;
  UpdateImageMemberInput: UpdateImageMemberInput;
  ValidationDataInput: ValidationDataInput;
  Viewer: ResolverTypeWrapper<Identity>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddImageLocationInput: AddImageLocationInput;
  ID: Scalars['ID']['output'];
  AddImageMemberInput: AddImageMemberInput;
  CreateImageInput: CreateImageInput;
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  CreateTaskInput: CreateTaskInput;
  DateTime: Scalars['DateTime']['output'];
  DateTimeRange: DateTimeRange;
  DeactivateImageInput: DeactivateImageInput;
  DeleteImageInput: DeleteImageInput;
  DeleteImagePayload: DeleteImagePayload;
  Image: ImageEntity;
  ImageChange: ImageDelivery;
  ImageConnection: ImagePage;
  ImageEdge: Omit<ImageEdge, 'node'> & { node: ResolversParentTypes['Image'] };
  ImageFilter: ImageFilter;
  ImageFormats: ImageFormats;
  ImageLocation: ImageLocationEntity;
  ImageLocationInput: ImageLocationInput;
  ImageMember: ImageMemberEntity;
  ImageMemberPayload: Omit<ImageMemberPayload, 'member'> & { member: ResolversParentTypes['ImageMember'] };
  ImagePayload: Omit<ImagePayload, 'image'> & { image: ResolversParentTypes['Image'] };
  ImageProperty: ImagePropertyRow;
  ImagePropertyInput: ImagePropertyInput;
  ImageSort: ImageSort;
  ImageTagInput: ImageTagInput;
  ImageViewerPermissions: ImageViewerPermissions;
  ImportTaskInput: ImportTaskInput;
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfoModel;
  PurgeExpiredTasksPayload: PurgeExpiredTasksPayload;
  Query: Record<PropertyKey, never>;
  ReactivateImageInput: ReactivateImageInput;
  RemoveImageLocationInput: RemoveImageLocationInput;
  RemoveImageMemberInput: RemoveImageMemberInput;
  RemoveImageMemberPayload: Omit<RemoveImageMemberPayload, 'image'> & { image: ResolversParentTypes['Image'] };
  ReplaceImageLocationsInput: ReplaceImageLocationsInput;
  SafeInt: Scalars['SafeInt']['output'];
  Subscription: Record<PropertyKey, never>;
  Task: TaskEntity;
  TaskChange: TaskDelivery;
  TaskConnection: TaskPage;
  TaskEdge: Omit<TaskEdge, 'node'> & { node: ResolversParentTypes['Task'] };
  TaskFilter: TaskFilter;
  TaskPayload: Omit<TaskPayload, 'task'> & { task: ResolversParentTypes['Task'] };
  TaskSort: TaskSort;
  TransferProgress: TransferProgressValue;
  UpdateImageInput: UpdateImageInput;
  UpdateImageMemberInput: UpdateImageMemberInput;
  ValidationDataInput: ValidationDataInput;
  Viewer: Identity;
  String: Scalars['String']['output'];
};

export type PolicyDirectiveArgs = {
  image?: Maybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  whenStatus?: Maybe<Array<ImageStatus>>;
};

export type PolicyDirectiveResolver<Result, Parent, ContextType = GraphQLContext, Args = PolicyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ContainerFormatResolvers = EnumResolverSignature<{ AKI?: any, AMI?: any, ARI?: any, BARE?: any, COMPRESSED?: any, DOCKER?: any, OVA?: any, OVF?: any }, ResolversTypes['ContainerFormat']>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteImagePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteImagePayload'] = ResolversParentTypes['DeleteImagePayload']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DiskFormatResolvers = EnumResolverSignature<{ AKI?: any, AMI?: any, ARI?: any, ISO?: any, PLOOP?: any, QCOW2?: any, RAW?: any, VDI?: any, VHD?: any, VHDX?: any, VMDK?: any }, ResolversTypes['DiskFormat']>;

export type ImageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Image'] = ResolversParentTypes['Image'], FederationReferenceType extends FederationReferenceTypes['Image'] = FederationReferenceTypes['Image']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Image']> | FederationReferenceType, FederationReferenceType, ContextType>;
  checksum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  containerFormat?: Resolver<Maybe<ResolversTypes['ContainerFormat']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  directUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  diskFormat?: Resolver<Maybe<ResolversTypes['DiskFormat']>, ParentType, ContextType>;
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locations?: Resolver<Maybe<Array<ResolversTypes['ImageLocation']>>, ParentType, ContextType>;
  members?: Resolver<Maybe<Array<ResolversTypes['ImageMember']>>, ParentType, ContextType>;
  minDisk?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minRam?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  osHashAlgo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  osHashValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  osHidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  properties?: Resolver<Array<ResolversTypes['ImageProperty']>, ParentType, ContextType>;
  protected?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  size?: Resolver<Maybe<ResolversTypes['SafeInt']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ImageStatus'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  viewerCan?: Resolver<ResolversTypes['ImageViewerPermissions'], ParentType, ContextType>;
  virtualSize?: Resolver<Maybe<ResolversTypes['SafeInt']>, ParentType, ContextType>;
  visibility?: Resolver<ResolversTypes['ImageVisibility'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageChange'] = ResolversParentTypes['ImageChange']> = {
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ChangeKind'], ParentType, ContextType>;
  progress?: Resolver<Maybe<ResolversTypes['TransferProgress']>, ParentType, ContextType>;
};

export type ImageConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageConnection'] = ResolversParentTypes['ImageConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImageEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Image']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImageEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageEdge'] = ResolversParentTypes['ImageEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
};

export type ImageFormatsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageFormats'] = ResolversParentTypes['ImageFormats']> = {
  containerFormats?: Resolver<Array<ResolversTypes['ContainerFormat']>, ParentType, ContextType>;
  diskFormats?: Resolver<Array<ResolversTypes['DiskFormat']>, ParentType, ContextType>;
};

export type ImageLocationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageLocation'] = ResolversParentTypes['ImageLocation']> = {
  metadata?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImageMemberResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageMember'] = ResolversParentTypes['ImageMember']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MemberStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ImageMemberPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageMemberPayload'] = ResolversParentTypes['ImageMemberPayload']> = {
  member?: Resolver<ResolversTypes['ImageMember'], ParentType, ContextType>;
};

export type ImagePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImagePayload'] = ResolversParentTypes['ImagePayload']> = {
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
};

export type ImagePropertyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageProperty'] = ResolversParentTypes['ImageProperty']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImageSortFieldResolvers = EnumResolverSignature<{ CONTAINER_FORMAT?: any, CREATED_AT?: any, DISK_FORMAT?: any, ID?: any, NAME?: any, SIZE?: any, STATUS?: any, UPDATED_AT?: any }, ResolversTypes['ImageSortField']>;

export type ImageStatusResolvers = EnumResolverSignature<{ ACTIVE?: any, DEACTIVATED?: any, DELETED?: any, IMPORTING?: any, KILLED?: any, PENDING_DELETE?: any, QUEUED?: any, SAVING?: any, UPLOADING?: any }, ResolversTypes['ImageStatus']>;

export type ImageViewerPermissionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ImageViewerPermissions'] = ResolversParentTypes['ImageViewerPermissions']> = {
  deactivate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  delete?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  download?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  modify?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reactivate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  setLocation?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ImageVisibilityResolvers = EnumResolverSignature<{ COMMUNITY?: any, PRIVATE?: any, PUBLIC?: any, SHARED?: any }, ResolversTypes['ImageVisibility']>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MemberStatusResolvers = EnumResolverSignature<{ ACCEPTED?: any, PENDING?: any, REJECTED?: any }, ResolversTypes['MemberStatus']>;

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addImageLocation?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationAddImageLocationArgs, 'input'>>;
  addImageMember?: Resolver<Maybe<ResolversTypes['ImageMemberPayload']>, ParentType, ContextType, RequireFields<MutationAddImageMemberArgs, 'input'>>;
  addImageTag?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationAddImageTagArgs, 'input'>>;
  createImage?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationCreateImageArgs, 'input'>>;
  createTask?: Resolver<Maybe<ResolversTypes['TaskPayload']>, ParentType, ContextType, RequireFields<MutationCreateTaskArgs, 'input'>>;
  deactivateImage?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationDeactivateImageArgs, 'input'>>;
  deleteImage?: Resolver<Maybe<ResolversTypes['DeleteImagePayload']>, ParentType, ContextType, RequireFields<MutationDeleteImageArgs, 'input'>>;
  purgeExpiredTasks?: Resolver<Maybe<ResolversTypes['PurgeExpiredTasksPayload']>, ParentType, ContextType>;
  reactivateImage?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationReactivateImageArgs, 'input'>>;
  removeImageLocation?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationRemoveImageLocationArgs, 'input'>>;
  removeImageMember?: Resolver<Maybe<ResolversTypes['RemoveImageMemberPayload']>, ParentType, ContextType, RequireFields<MutationRemoveImageMemberArgs, 'input'>>;
  removeImageTag?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationRemoveImageTagArgs, 'input'>>;
  replaceImageLocations?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationReplaceImageLocationsArgs, 'input'>>;
  updateImage?: Resolver<Maybe<ResolversTypes['ImagePayload']>, ParentType, ContextType, RequireFields<MutationUpdateImageArgs, 'input'>>;
  updateImageMember?: Resolver<Maybe<ResolversTypes['ImageMemberPayload']>, ParentType, ContextType, RequireFields<MutationUpdateImageMemberArgs, 'input'>>;
};

export type NodeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Image' | 'ImageMember' | 'Task', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PurgeExpiredTasksPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PurgeExpiredTasksPayload'] = ResolversParentTypes['PurgeExpiredTasksPayload']> = {
  softDeletedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType, RequireFields<QueryImageArgs, 'id'>>;
  imageFormats?: Resolver<ResolversTypes['ImageFormats'], ParentType, ContextType>;
  imageMember?: Resolver<Maybe<ResolversTypes['ImageMember']>, ParentType, ContextType, RequireFields<QueryImageMemberArgs, 'imageId' | 'memberId'>>;
  images?: Resolver<ResolversTypes['ImageConnection'], ParentType, ContextType, Partial<QueryImagesArgs>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Node']>>, ParentType, ContextType, RequireFields<QueryNodesArgs, 'ids'>>;
  sharedWithMe?: Resolver<ResolversTypes['ImageConnection'], ParentType, ContextType, Partial<QuerySharedWithMeArgs>>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType, RequireFields<QueryTaskArgs, 'id'>>;
  tasks?: Resolver<ResolversTypes['TaskConnection'], ParentType, ContextType, Partial<QueryTasksArgs>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type RemoveImageMemberPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RemoveImageMemberPayload'] = ResolversParentTypes['RemoveImageMemberPayload']> = {
  image?: Resolver<ResolversTypes['Image'], ParentType, ContextType>;
  memberId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface SafeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['SafeInt'], any> {
  name: 'SafeInt';
}

export type SortDirectionResolvers = EnumResolverSignature<{ ASC?: any, DESC?: any }, ResolversTypes['SortDirection']>;

export type SubscriptionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  imageChanged?: SubscriptionResolver<ResolversTypes['ImageChange'], "imageChanged", ParentType, ContextType, RequireFields<SubscriptionImageChangedArgs, 'id'>>;
  imagesChanged?: SubscriptionResolver<ResolversTypes['ImageChange'], "imagesChanged", ParentType, ContextType>;
  taskChanged?: SubscriptionResolver<ResolversTypes['TaskChange'], "taskChanged", ParentType, ContextType, RequireFields<SubscriptionTaskChangedArgs, 'id'>>;
};

export type TaskResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task'], FederationReferenceType extends FederationReferenceTypes['Task'] = FederationReferenceTypes['Task']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Task']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  image?: Resolver<Maybe<ResolversTypes['Image']>, ParentType, ContextType>;
  input?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TaskType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TaskChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TaskChange'] = ResolversParentTypes['TaskChange']> = {
  kind?: Resolver<ResolversTypes['ChangeKind'], ParentType, ContextType>;
  progress?: Resolver<Maybe<ResolversTypes['TransferProgress']>, ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType>;
  taskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type TaskConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TaskConnection'] = ResolversParentTypes['TaskConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TaskEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Task']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TaskEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TaskEdge'] = ResolversParentTypes['TaskEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
};

export type TaskPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TaskPayload'] = ResolversParentTypes['TaskPayload']> = {
  task?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
};

export type TaskSortFieldResolvers = EnumResolverSignature<{ CREATED_AT?: any, EXPIRES_AT?: any, ID?: any, STATUS?: any, TYPE?: any, UPDATED_AT?: any }, ResolversTypes['TaskSortField']>;

export type TaskStatusResolvers = EnumResolverSignature<{ FAILURE?: any, PENDING?: any, PROCESSING?: any, SUCCESS?: any }, ResolversTypes['TaskStatus']>;

export type TaskTypeResolvers = EnumResolverSignature<{ IMPORT?: any }, ResolversTypes['TaskType']>;

export type TransferProgressResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TransferProgress'] = ResolversParentTypes['TransferProgress']> = {
  bytesDone?: Resolver<ResolversTypes['SafeInt'], ParentType, ContextType>;
  bytesTotal?: Resolver<Maybe<ResolversTypes['SafeInt']>, ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  isAdmin?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  projectId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  ContainerFormat?: ContainerFormatResolvers;
  DateTime?: GraphQLScalarType;
  DeleteImagePayload?: DeleteImagePayloadResolvers<ContextType>;
  DiskFormat?: DiskFormatResolvers;
  Image?: ImageResolvers<ContextType>;
  ImageChange?: ImageChangeResolvers<ContextType>;
  ImageConnection?: ImageConnectionResolvers<ContextType>;
  ImageEdge?: ImageEdgeResolvers<ContextType>;
  ImageFormats?: ImageFormatsResolvers<ContextType>;
  ImageLocation?: ImageLocationResolvers<ContextType>;
  ImageMember?: ImageMemberResolvers<ContextType>;
  ImageMemberPayload?: ImageMemberPayloadResolvers<ContextType>;
  ImagePayload?: ImagePayloadResolvers<ContextType>;
  ImageProperty?: ImagePropertyResolvers<ContextType>;
  ImageSortField?: ImageSortFieldResolvers;
  ImageStatus?: ImageStatusResolvers;
  ImageViewerPermissions?: ImageViewerPermissionsResolvers<ContextType>;
  ImageVisibility?: ImageVisibilityResolvers;
  JSON?: GraphQLScalarType;
  MemberStatus?: MemberStatusResolvers;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PurgeExpiredTasksPayload?: PurgeExpiredTasksPayloadResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RemoveImageMemberPayload?: RemoveImageMemberPayloadResolvers<ContextType>;
  SafeInt?: GraphQLScalarType;
  SortDirection?: SortDirectionResolvers;
  Subscription?: SubscriptionResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  TaskChange?: TaskChangeResolvers<ContextType>;
  TaskConnection?: TaskConnectionResolvers<ContextType>;
  TaskEdge?: TaskEdgeResolvers<ContextType>;
  TaskPayload?: TaskPayloadResolvers<ContextType>;
  TaskSortField?: TaskSortFieldResolvers;
  TaskStatus?: TaskStatusResolvers;
  TaskType?: TaskTypeResolvers;
  TransferProgress?: TransferProgressResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = GraphQLContext> = {
  policy?: PolicyDirectiveResolver<any, any, ContextType>;
};
