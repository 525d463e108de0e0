// Task queries and mutations: each resolver unpacks its arguments and makes one domain call.
import type { TaskStatus, TaskType } from '../../domain/tasks/task-values.js';
import type { Resolvers } from '../generated/resolvers.js';

export const taskResolvers: Resolvers = {
  Query: {
    task: (_root, { id }, { services }) => services.tasks.find(id),
    tasks: (_root, args, { services }) => services.tasks.list(args),
  },
  Mutation: {
    createTask: async (_root, { input }, { services }) => ({ task: await services.tasks.create(input) }),
    purgeExpiredTasks: async (_root, _args, { services }) => ({ softDeletedCount: await services.tasks.purgeExpired() }),
  },
  Task: {
    // The entity stores plain strings; the database only ever holds values of these unions.
    type: (task) => task.type as TaskType,
    status: (task) => task.status as TaskStatus,
    image: (task, _args, { services }) => (task.imageId ? services.images.find(task.imageId) : null),
  },
};
