// A subscription's stream: events in order, skipped ones left out, the last one ending it, a subscriber that left
// no longer listening, and one that stopped reading dropped at the limit.
import { describe, expect, it, vi } from 'vitest';
import { InProcessChangeBus, type ChangeBus, type ChangeEvent, type ImageChangeEvent } from '../../../src/domain/live/change-events.js';
import { LiveStream, type Step } from '../../../src/domain/live/live-stream.js';

const MAX_PENDING = 50;
const change = (imageId: string, kind: ImageChangeEvent['kind'] = 'UPDATED'): ImageChangeEvent => ({ subject: 'image', kind, imageId });

function streamOf(bus: ChangeBus, deliver: (event: ImageChangeEvent) => Step<string>, onOverflow = () => undefined) {
  return new LiveStream({
    bus,
    accepts: (event: ChangeEvent): event is ImageChangeEvent => event.subject === 'image',
    deliver: async (event) => deliver(event),
    maxPending: MAX_PENDING,
    onOverflow,
  });
}

describe('LiveStream', () => {
  it('delivers events in order, skips those that deliver nothing, and ends after the last', async () => {
    const bus = new InProcessChangeBus();
    const stream = streamOf(bus, (event) => (event.imageId === 'hidden' ? {} : { value: event.imageId, last: event.kind === 'DELETED' }));
    ['a', 'hidden', 'b'].forEach((id) => bus.publish(change(id)));
    bus.publish(change('c', 'DELETED'));
    bus.publish(change('after'));
    const seen: string[] = [];
    for await (const value of stream) seen.push(value);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('stops listening at once when the subscriber leaves, even while it waits for an event', async () => {
    const stopListening = vi.fn();
    const stream = streamOf({ publish: () => undefined, subscribe: () => stopListening }, (event) => ({ value: event.imageId }));
    const waiting = stream.next();
    await stream.return();
    expect(stopListening).toHaveBeenCalledOnce();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('ends and reports a subscriber that falls maxPending events behind', async () => {
    const bus = new InProcessChangeBus();
    const onOverflow = vi.fn();
    const stream = streamOf(bus, (event) => ({ value: event.imageId }), onOverflow);
    for (let i = 0; i < MAX_PENDING; i += 1) bus.publish(change(String(i)));
    expect(onOverflow).not.toHaveBeenCalled();
    bus.publish(change('one too many'));
    expect(onOverflow).toHaveBeenCalledOnce();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
