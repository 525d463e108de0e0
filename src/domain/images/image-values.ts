// The values images take, in Glance's lowercase spelling (what the database and policy targets hold).

export const IMAGE_STATUSES = [
  'queued', 'saving', 'active', 'killed', 'deleted', 'pending_delete', 'deactivated', 'uploading', 'importing',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export const IMAGE_VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
export type ImageVisibility = (typeof IMAGE_VISIBILITIES)[number];

export const SORTABLE_IMAGE_FIELDS = ['name', 'status', 'containerFormat', 'diskFormat', 'size', 'id', 'createdAt', 'updatedAt'] as const;
export type ImageSortField = (typeof SORTABLE_IMAGE_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

export const DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop'] as const;
export type DiskFormat = (typeof DISK_FORMATS)[number];
export const CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'] as const;
export type ContainerFormat = (typeof CONTAINER_FORMATS)[number];
