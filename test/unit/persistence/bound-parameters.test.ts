import { raw } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { bindParameters } from '../../../src/persistence/bound-parameters.js';

const platform = new PostgreSqlPlatform();
const asIs = (value: unknown) => value;

describe('bindParameters', () => {
  it('binds every value and quotes only identifiers into the text', () => {
    const when = new Date('2026-12-02T18:00:00Z');
    const bound = bindParameters(platform, 'select ?? from t where a = ? and b in (?) and c = ? and d \\? ?', ['col', "x'y", [1, 2, 3], when, 'k'], (value) => (value instanceof Date ? value.toISOString() : value));
    expect(bound).toEqual({ sql: 'select "col" from t where a = ? and b in (?, ?, ?) and c = ? and d \\? ?', bindings: ["x'y", 1, 2, 3, '2026-12-02T18:00:00.000Z', 'k'] });
  });

  it('splices raw fragments in with their values bound, and sends objects as JSON text', () => {
    const bound = bindParameters(platform, 'update t set m = ?, n = ? where id = ?', [{ a: 1 }, raw('coalesce(n, ?)', ['\u0000']), 7], asIs);
    expect(bound).toEqual({ sql: 'update t set m = ?, n = coalesce(n, ?) where id = ?', bindings: ['{"a":1}', '\u0000', 7] });
  });

  it('leaves a statement without values untouched', () => {
    expect(bindParameters(platform, "select '?' as q", [], asIs)).toEqual({ sql: "select '?' as q", bindings: [] });
  });
});
