// Subscriptions to images and tasks for one caller. Each event is checked and read for the subscriber when it is
// delivered, with readers made for that event alone, so what it sees follows its permissions as they are then.
// Subscribers of the same kind whose access keys are equal share that read (shared-reads.ts).
import type { Image, Task } from '../../persistence/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { ImageService } from '../images/image.service.js';
import type { TaskService } from '../tasks/task.service.js';
import type { ChangeBus, ChangeEvent, ChangeKind, ImageChangeEvent, TaskChangeEvent, TransferProgress } from './change-events.js';
import type { DeliveryGate } from './delivery-gate.js';
import type { SharedReads } from './shared-reads.js';
import { LiveStream, type Step } from './live-stream.js';

export interface LiveReaders {
  images: ImageService;
  tasks: TaskService;
}

/** What a subscription needs from the connection that carries it. */
export interface Subscriber {
  /** The subscriber's `accessKeyOf`: subscribers with equal keys read an event identically. */
  accessKey: string;
  /** Drops what the subscriber's readers have cached, so that they next read things as they are now. */
  renewReaders(): void;
  /** Readers acting for the subscriber. */
  readers(): LiveReaders;
  /** Ends the subscriber's connection: it stopped reading and its undelivered events reached the limit. */
  dropSlowConsumer(): void;
}

export interface ImageDelivery {
  kind: ChangeKind;
  imageId: string;
  image: Image | null;
  progress: TransferProgress | null;
  /** Set when the subscriber lost access: the delivery is this error, and the subscription's last. */
  refusal?: DomainError;
}

export interface TaskDelivery {
  kind: ChangeKind;
  taskId: string;
  task: Task | null;
  progress: TransferProgress | null;
  refusal?: DomainError;
}

export interface LiveChangesDeps extends LiveReaders {
  bus: ChangeBus;
  /** Shared by the process's subscribers: how many deliveries read at once. */
  gate: DeliveryGate;
  /** Events a subscription may hold undelivered before its subscriber is dropped (max_pending_live_events). */
  maxPendingEvents: number;
  /** Shared by the process's subscribers: the reads of one event in progress, by subscription and access key. */
  share: SharedReads;
}

const FINISHED_TASK_STATUSES: readonly string[] = ['success', 'failure'];

export class LiveChanges {
  constructor(private readonly deps: LiveChangesDeps) {}

  /** Every change of image `id` (NOT_FOUND unless the caller may read it now); ends after DELETED or a refusal. */
  async imageChanged(id: string, subscriber: Subscriber): Promise<LiveStream<ImageChangeEvent, ImageDelivery>> {
    const stream = new LiveStream({
      bus: this.deps.bus,
      accepts: (event): event is ImageChangeEvent => event.subject === 'image' && event.imageId === id,
      deliver: this.reading('imageChanged', subscriber, deliverImageChange),
      maxPending: this.deps.maxPendingEvents,
      onOverflow: () => subscriber.dropSlowConsumer(),
    });
    await readOrEnd(stream, () => this.deps.images.get(id));
    return stream;
  }

  /** Images created, changed or deleted that the caller may list at the moment each is delivered. */
  imagesChanged(subscriber: Subscriber): LiveStream<ImageChangeEvent, ImageDelivery> {
    return new LiveStream({
      bus: this.deps.bus,
      accepts: (event): event is ImageChangeEvent => event.subject === 'image' && event.kind !== 'PROGRESS',
      deliver: this.reading('imagesChanged', subscriber, deliverListedImageChange),
      maxPending: this.deps.maxPendingEvents,
      onOverflow: () => subscriber.dropSlowConsumer(),
    });
  }

  /** Task `id` as it is now (NOT_FOUND unless the caller may read it), then each change; ends once it has finished. */
  async taskChanged(id: string, subscriber: Subscriber): Promise<LiveStream<TaskChangeEvent, TaskDelivery>> {
    const taskId = id.toLowerCase();
    const stream = new LiveStream({
      bus: this.deps.bus,
      accepts: (event): event is TaskChangeEvent => event.subject === 'task' && event.taskId === taskId,
      deliver: this.reading('taskChanged', subscriber, deliverTaskChange),
      maxPending: this.deps.maxPendingEvents,
      onOverflow: () => subscriber.dropSlowConsumer(),
    });
    const task = await readOrEnd(stream, async () => {
      const found = await this.deps.tasks.find(taskId);
      if (!found) throw new NotFoundError(`no task with id ${id}`);
      return found;
    });
    return stream.begin(taskStep({ subject: 'task', kind: 'UPDATED', taskId }, task));
  }

  /** Delivers each event with `deliver`, in a read shared with the same kind of subscription by equal subscribers. */
  private reading<E extends ChangeEvent, D>(
    subscription: string,
    subscriber: Subscriber,
    deliver: (event: E, readers: LiveReaders) => Promise<Step<D>>,
  ): (event: E) => Promise<Step<D>> {
    const key = `${subscription} ${subscriber.accessKey}`;
    // Not `this`: an idle subscription would keep the readers it was opened with, and all they had read, alive.
    const { share, gate } = this.deps;
    return (event) => {
      subscriber.renewReaders();
      return share(event, key, () => gate(() => deliver(event, subscriber.readers())));
    };
  }
}

/** The stream listens before `read` runs, so no change in between is missed; should `read` fail, the stream ends. */
async function readOrEnd<T>(stream: LiveStream<ChangeEvent, unknown>, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    await stream.return();
    throw error;
  }
}

async function deliverImageChange(event: ImageChangeEvent, { images }: LiveReaders): Promise<Step<ImageDelivery>> {
  if (event.kind === 'DELETED') return { value: imageDelivery(event, null), last: true };
  try {
    return { value: imageDelivery(event, await images.getWatched(event.imageId)) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { value: { ...imageDelivery(event, null), refusal: error }, last: true };
  }
}

async function deliverListedImageChange(event: ImageChangeEvent, { images }: LiveReaders): Promise<Step<ImageDelivery>> {
  if (event.kind === 'DELETED') return (await images.wasListable(event.imageId)) ? { value: imageDelivery(event, null) } : {};
  const image = await images.findListable(event.imageId);
  return image ? { value: imageDelivery(event, image) } : {};
}

async function deliverTaskChange(event: TaskChangeEvent, { tasks }: LiveReaders): Promise<Step<TaskDelivery>> {
  const task = await tasks.find(event.taskId);
  if (!task) return { value: { ...taskDelivery(event, null), refusal: new NotFoundError(`no task with id ${event.taskId}`) }, last: true };
  return taskStep(event, task);
}

function taskStep(event: TaskChangeEvent, task: Task): Step<TaskDelivery> {
  return { value: taskDelivery(event, task), last: FINISHED_TASK_STATUSES.includes(task.status) };
}

function imageDelivery(event: ImageChangeEvent, image: Image | null): ImageDelivery {
  return { kind: event.kind, imageId: event.imageId, image, progress: event.progress ?? null };
}

function taskDelivery(event: TaskChangeEvent, task: Task | null): TaskDelivery {
  return { kind: event.kind, taskId: event.taskId, task, progress: event.progress ?? null };
}
