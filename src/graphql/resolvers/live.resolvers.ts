// Subscriptions: each opens the caller's live stream; each delivery is already read for the subscriber, or is the
// error that ends its subscription.
import { accessKeyOf } from '../../domain/identity.js';
import type { ImageDelivery, Subscriber, TaskDelivery } from '../../domain/live/live-changes.js';
import type { GraphQLContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';

function subscriberOf(context: GraphQLContext): Subscriber {
  return {
    accessKey: accessKeyOf(context.identity!),
    renewReaders: () => context.renewServices(),
    readers: () => context.services,
    dropSlowConsumer: () => context.disconnect?.('slow consumer: too many undelivered events'),
  };
}

/** Once the subscription is open, its context lets go of what the first read cached, which an idle one would keep. */
async function opened<T>(context: GraphQLContext, stream: Promise<T> | T): Promise<T> {
  const open = await stream;
  context.renewServices();
  return open;
}

function delivered<D extends ImageDelivery | TaskDelivery>(delivery: D): D {
  if (delivery.refusal) throw delivery.refusal;
  return delivery;
}

export const liveResolvers: Resolvers = {
  Subscription: {
    imageChanged: {
      subscribe: (_root, { id }, context) => opened(context, context.services.live.imageChanged(id, subscriberOf(context))),
      resolve: delivered<ImageDelivery>,
    },
    imagesChanged: {
      subscribe: (_root, _args, context) => opened(context, context.services.live.imagesChanged(subscriberOf(context))),
      resolve: delivered<ImageDelivery>,
    },
    taskChanged: {
      subscribe: (_root, { id }, context) => opened(context, context.services.live.taskChanged(id, subscriberOf(context))),
      resolve: delivered<TaskDelivery>,
    },
  },
};
