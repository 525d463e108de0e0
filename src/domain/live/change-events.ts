// What the live-update feed carries: which image or task changed and how. Ids only, never data: an event can cross
// processes within NOTIFY's size limit, and each subscriber reads the object itself, with its own permissions.

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED' | 'PROGRESS';

export interface TransferProgress {
  bytesDone: number;
  /** Null when the sender announced no size. */
  bytesTotal: number | null;
}

export interface ImageChangeEvent {
  subject: 'image';
  kind: ChangeKind;
  imageId: string;
  progress?: TransferProgress;
}

export interface TaskChangeEvent {
  subject: 'task';
  kind: ChangeKind;
  taskId: string;
  progress?: TransferProgress;
}

export type ChangeEvent = ImageChangeEvent | TaskChangeEvent;

export type ChangeListener = (event: ChangeEvent) => void;

/** Where committed changes are published and heard. */
export interface ChangeBus {
  publish(event: ChangeEvent): void;
  /** Hears every event published from now on, until the returned function is called. */
  subscribe(listener: ChangeListener): () => void;
}

/** The bus of one process: every listener hears every event, synchronously. */
export class InProcessChangeBus implements ChangeBus {
  private readonly listeners = new Set<ChangeListener>();

  publish(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
