// The values tasks take, in Glance's lowercase spelling (what the database holds).

export const TASK_TYPES = ['import'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_STATUSES = ['pending', 'processing', 'success', 'failure'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const SORTABLE_TASK_FIELDS = ['createdAt', 'updatedAt', 'expiresAt', 'status', 'type', 'id'] as const;
export type TaskSortField = (typeof SORTABLE_TASK_FIELDS)[number];
