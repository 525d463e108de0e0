// The values images take, in Glance's lowercase spelling (what the database and policy targets hold).
import type { CONTAINER_FORMATS, DISK_FORMATS } from '../../config/index.js';

export const IMAGE_STATUSES = [
  'queued', 'saving', 'active', 'killed', 'deleted', 'pending_delete', 'deactivated', 'uploading', 'importing',
] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export const IMAGE_VISIBILITIES = ['public', 'private', 'shared', 'community'] as const;
export type ImageVisibility = (typeof IMAGE_VISIBILITIES)[number];

export const SORTABLE_IMAGE_FIELDS = ['name', 'status', 'containerFormat', 'diskFormat', 'size', 'id', 'createdAt', 'updatedAt'] as const;
export type ImageSortField = (typeof SORTABLE_IMAGE_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

// The format lists live in config, which validates disk_formats/container_formats against them (config imports nothing).
export type DiskFormat = (typeof DISK_FORMATS)[number];
export type ContainerFormat = (typeof CONTAINER_FORMATS)[number];
