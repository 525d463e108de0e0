// GraphQL enum names mapped to the lowercase values Glance stores; tsc checks each map against codegen.yml.
import type { Resolvers } from '../generated/resolvers.js';

export const enumResolvers = {
  ImageStatus: {
    QUEUED: 'queued', SAVING: 'saving', ACTIVE: 'active', KILLED: 'killed', DELETED: 'deleted',
    PENDING_DELETE: 'pending_delete', DEACTIVATED: 'deactivated', UPLOADING: 'uploading', IMPORTING: 'importing',
  },
  ImageVisibility: { PUBLIC: 'public', PRIVATE: 'private', SHARED: 'shared', COMMUNITY: 'community' },
  DiskFormat: {
    AMI: 'ami', ARI: 'ari', AKI: 'aki', VHD: 'vhd', VHDX: 'vhdx', VMDK: 'vmdk', RAW: 'raw', QCOW2: 'qcow2',
    VDI: 'vdi', ISO: 'iso', PLOOP: 'ploop',
  },
  ContainerFormat: {
    AMI: 'ami', ARI: 'ari', AKI: 'aki', BARE: 'bare', OVF: 'ovf', OVA: 'ova', DOCKER: 'docker', COMPRESSED: 'compressed',
  },
  SortDirection: { ASC: 'asc', DESC: 'desc' },
  MemberStatus: { PENDING: 'pending', ACCEPTED: 'accepted', REJECTED: 'rejected' },
  ImageSortField: {
    NAME: 'name', STATUS: 'status', CONTAINER_FORMAT: 'containerFormat', DISK_FORMAT: 'diskFormat', SIZE: 'size',
    ID: 'id', CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt',
  },
  TaskType: { IMPORT: 'import' },
  TaskStatus: { PENDING: 'pending', PROCESSING: 'processing', SUCCESS: 'success', FAILURE: 'failure' },
  TaskSortField: {
    CREATED_AT: 'createdAt', UPDATED_AT: 'updatedAt', EXPIRES_AT: 'expiresAt', STATUS: 'status', TYPE: 'type', ID: 'id',
  },
} as const satisfies Resolvers;
