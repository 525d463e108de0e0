export { Image, ImageSchema } from './image.entity.js';
export { ImageTag, ImageTagSchema } from './image-tag.entity.js';
export { ImageProperty, ImagePropertySchema } from './image-property.entity.js';
export { Task, TaskSchema, TASK_CLOCK_EXTENSION } from './task.entity.js';
export { ImageMember, ImageMemberSchema } from './image-member.entity.js';
export { ImageLocation, ImageLocationSchema } from './image-location.entity.js';
export { NamedLease, NamedLeaseSchema } from './named-lease.entity.js';
export { ProjectLock, ProjectLockSchema } from './project-lock.entity.js';

import { ImageSchema } from './image.entity.js';
import { ImageTagSchema } from './image-tag.entity.js';
import { ImagePropertySchema } from './image-property.entity.js';
import { TaskSchema } from './task.entity.js';
import { ImageMemberSchema } from './image-member.entity.js';
import { ImageLocationSchema } from './image-location.entity.js';
import { NamedLeaseSchema } from './named-lease.entity.js';
import { ProjectLockSchema } from './project-lock.entity.js';

export const ALL_ENTITIES = [ImageSchema, ImageTagSchema, ImagePropertySchema, TaskSchema, ImageMemberSchema, ImageLocationSchema, NamedLeaseSchema, ProjectLockSchema];
