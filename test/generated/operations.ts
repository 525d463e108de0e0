/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, serialized as an ISO 8601 string in UTC (for example `2026-11-24T18:42:48.123Z`). */
  DateTime: { input: string; output: string; }
  /** Any JSON value: an object, an array, a string, a number, a boolean or null. */
  JSON: { input: unknown; output: unknown; }
  /**
   * An integer that is exact in JavaScript: between -(2^53 - 1) and 2^53 - 1. Used for byte counts, which outgrow
   * GraphQL's 32-bit `Int`.
   */
  SafeInt: { input: number; output: number; }
};

/** How the disk data is wrapped. Which of these the server accepts is set by the `container_formats` option. */
export type ContainerFormat =
  /** Amazon kernel image. */
  | 'AKI'
  /** Amazon machine image. */
  | 'AMI'
  /** Amazon ramdisk image. */
  | 'ARI'
  /** No container: the data is the disk itself. */
  | 'BARE'
  /** A compressed archive (for example a tar.gz); its exact type is not recorded. */
  | 'COMPRESSED'
  /** A Docker tar archive of the container filesystem. */
  | 'DOCKER'
  /** An OVF package in a tar archive. */
  | 'OVA'
  /** Open Virtualization Format. */
  | 'OVF';

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

/** An inclusive time range; either end may be left open. */
export type DateTimeRange = {
  /** At or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** At or before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
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

/**
 * The format of the image's disk data. Which of these the server accepts is set by the `disk_formats` option
 * (see `imageFormats`).
 */
export type DiskFormat =
  /** Amazon kernel image. */
  | 'AKI'
  /** Amazon machine image. */
  | 'AMI'
  /** Amazon ramdisk image. */
  | 'ARI'
  /** An ISO 9660 optical disc archive. */
  | 'ISO'
  /** Virtuozzo/OpenVZ ploop disk. */
  | 'PLOOP'
  /** QEMU copy-on-write, version 2. */
  | 'QCOW2'
  /** An unstructured disk image. */
  | 'RAW'
  /** VirtualBox disk image. */
  | 'VDI'
  /** Virtual Hard Disk (Hyper-V, Xen, VirtualBox). */
  | 'VHD'
  /** Hyper-V's successor to VHD, with larger disks and resilience to power failure. */
  | 'VHDX'
  /** VMware virtual machine disk. */
  | 'VMDK';

/** A virtual machine image: its metadata, as Glance's Images API v2 describes it. */
export type Image = {
  __typename?: 'Image';
  /** MD5 hex digest of the image data (kept for compatibility; prefer osHashValue). */
  checksum?: Maybe<Scalars['String']['output']>;
  /** The container format; must be set before data is uploaded. */
  containerFormat?: Maybe<ContainerFormat>;
  /** When the image was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The disk format; must be set before data is uploaded. */
  diskFormat?: Maybe<DiskFormat>;
  /** The image's id, a UUID. */
  id: Scalars['ID']['output'];
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
  /** Size of the virtual disk in bytes, when known. */
  virtualSize?: Maybe<Scalars['SafeInt']['output']>;
  /** Who can see the image. */
  visibility: ImageVisibility;
};

/** A page of images. */
export type ImageConnection = {
  __typename?: 'ImageConnection';
  /** The images of this page, each with its cursor. */
  edges: Array<ImageEdge>;
  /** Whether more pages follow and where to continue. */
  pageInfo: PageInfo;
};

/** One image in a page of images. */
export type ImageEdge = {
  __typename?: 'ImageEdge';
  /** Pass as `after` to continue the list after this image. */
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
  /** The order; descending unless given. */
  direction?: InputMaybe<SortDirection>;
  /** The field to sort by. */
  field: ImageSortField;
};

/** A field images can be sorted by. */
export type ImageSortField =
  /** The container format. */
  | 'CONTAINER_FORMAT'
  /** The creation time. */
  | 'CREATED_AT'
  /** The disk format. */
  | 'DISK_FORMAT'
  /** The image id. */
  | 'ID'
  /** The image name. */
  | 'NAME'
  /** The data size in bytes. */
  | 'SIZE'
  /** The image status. */
  | 'STATUS'
  /** The time of the last change. */
  | 'UPDATED_AT';

/** Where an image is in its life. Glance's status machine decides which changes are allowed from each status. */
export type ImageStatus =
  /** The image has data and can be used. */
  | 'ACTIVE'
  /** An administrator or the owner took the image out of use; its data cannot be downloaded by non-admins or changed. */
  | 'DEACTIVATED'
  /** The image was deleted. Deleted images are never returned. */
  | 'DELETED'
  /** An import is writing the image data. */
  | 'IMPORTING'
  /** An upload failed for good; the image can only be deleted. */
  | 'KILLED'
  /** The image is deleted and its data is waiting to be scrubbed. */
  | 'PENDING_DELETE'
  /** The record exists but has no data yet. */
  | 'QUEUED'
  /** Data is being uploaded into the store. */
  | 'SAVING'
  /** Data was staged for an interoperable import. */
  | 'UPLOADING';

/** A tag to add to or remove from an image. */
export type ImageTagInput = {
  /** The image id. */
  imageId: Scalars['ID']['input'];
  /** The tag, at most 255 characters. */
  tag: Scalars['String']['input'];
};

/** Who can see an image. */
export type ImageVisibility =
  /** Every project can use it by id, but it appears only in its owner's default list. */
  | 'COMMUNITY'
  /** Only the owner's project sees it. */
  | 'PRIVATE'
  /** Every project sees it and it appears in everyone's default list. */
  | 'PUBLIC'
  /** The owner's project and the projects it is shared with (image members) see it. The default for new images. */
  | 'SHARED';

/** Write operations. Each takes a single `input` argument and returns a payload. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Add a tag to an image; adding a tag it already has changes nothing. */
  addImageTag: ImagePayload;
  /** Create an image record in status QUEUED. Upload its data afterwards with `PUT /v2/images/{id}/file`. */
  createImage: ImagePayload;
  /**
   * Delete an image and its data. A protected image cannot be deleted. A deactivated image also needs the
   * `delete_deactivated_image` policy, so operators can keep suspect images for review.
   */
  deleteImage: DeleteImagePayload;
  /** Remove a tag from an image; the tag must be there. */
  removeImageTag: ImagePayload;
  /** Change an image's metadata. */
  updateImage: ImagePayload;
};


/** Write operations. Each takes a single `input` argument and returns a payload. */
export type MutationAddImageTagArgs = {
  input: ImageTagInput;
};


/** Write operations. Each takes a single `input` argument and returns a payload. */
export type MutationCreateImageArgs = {
  input: CreateImageInput;
};


/** Write operations. Each takes a single `input` argument and returns a payload. */
export type MutationDeleteImageArgs = {
  input: DeleteImageInput;
};


/** Write operations. Each takes a single `input` argument and returns a payload. */
export type MutationRemoveImageTagArgs = {
  input: ImageTagInput;
};


/** Write operations. Each takes a single `input` argument and returns a payload. */
export type MutationUpdateImageArgs = {
  input: UpdateImageInput;
};

/** Where a page of a connection stops, so the client can ask for the next one. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last item of this page; pass it as `after` to get the next page. Null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page in the requested order. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Read operations. */
export type Query = {
  __typename?: 'Query';
  /** One image by id; null when there is no such image or the caller may not see it. */
  image?: Maybe<Image>;
  /** The formats this server accepts. */
  imageFormats: ImageFormats;
  /**
   * A page of the images the caller can see, newest first unless `sort` says otherwise. Pages are cut by cursor
   * (`after`), so they stay stable while images are added.
   */
  images: ImageConnection;
  /** Who is calling. */
  viewer: Viewer;
};


/** Read operations. */
export type QueryImageArgs = {
  id: Scalars['ID']['input'];
};


/** Read operations. */
export type QueryImagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImageFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<Array<ImageSort>>;
};

/** The order of a sort key. */
export type SortDirection =
  /** Smallest first; missing (null) values come first. */
  | 'ASC'
  /** Largest first; missing (null) values come last. */
  | 'DESC';

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

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { userId: string, projectId: string | null, roles: Array<string>, isAdmin: boolean } };


export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"projectId"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;