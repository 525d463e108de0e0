// Deliveries of one event by equal subscribers share a read only while it runs: later ones read again, and
// different keys or events never share.
import { describe, expect, it } from 'vitest';
import { createSharedReads } from '../../../src/domain/live/shared-reads.js';

describe('shared reads', () => {
  it('joins a read of the same event and key while it runs, and reads again once it has ended', async () => {
    const share = createSharedReads();
    const event = {};
    let reads = 0;
    let finish = () => undefined as void;
    const read = () => new Promise<number>((resolve) => (finish = () => resolve(++reads)));
    const first = share(event, 'alice', read);
    const second = share(event, 'alice', read);
    finish();
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    const third = share(event, 'alice', read);
    finish();
    expect(await third).toBe(2);
  });

  it('never shares between keys or between events', async () => {
    const share = createSharedReads();
    const event = {};
    let reads = 0;
    const read = async () => ++reads;
    const results = await Promise.all([share(event, 'alice', read), share(event, 'bob', read), share({}, 'alice', read)]);
    expect(results.sort()).toEqual([1, 2, 3]);
  });

  it('lets a failed read fail every delivery that joined it, and the next one read again', async () => {
    const share = createSharedReads();
    const event = {};
    const failing = share(event, 'alice', async () => Promise.reject(new Error('database gone')));
    const joined = share(event, 'alice', async () => 'not read');
    await expect(failing).rejects.toThrow('database gone');
    await expect(joined).rejects.toThrow('database gone');
    expect(await share(event, 'alice', async () => 'read again')).toBe('read again');
  });
});
