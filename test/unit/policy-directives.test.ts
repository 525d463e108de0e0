// The policy catalogue (what `npm run policy -- --sample` and README list) and the schema's @policy directives
// must tell the same story: every guarded field is listed under its policy, every policy named exists, and every
// object field a policy lists is guarded by it.
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { policyRulesOf } from '../../src/graphql/directives/policy.directive.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { POLICY_DEFAULTS } from '../../src/policy/index.js';

describe('@policy directives', () => {
  const schema = buildSchema();
  const guarded = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) =>
      Object.keys(type.getFields()).flatMap((field) => (policyRulesOf(schema, type.name, field) ?? []).map((rule) => ({ policy: rule.name, field: `${type.name}.${field}` }))),
    );

  it('guard the fields the founding rules need', () => {
    expect(guarded).toEqual(expect.arrayContaining([
      { policy: 'delete_image', field: 'Mutation.deleteImage' },
      { policy: 'delete_deactivated_image', field: 'Mutation.deleteImage' },
      { policy: 'get_image_location', field: 'Image.locations' },
      { policy: 'set_image_location', field: 'Mutation.addImageLocation' },
    ]));
  });

  it('name only known policies, and each guarded field is listed in its policy’s operations', () => {
    const byName = new Map(POLICY_DEFAULTS.map((policy) => [policy.name as string, policy]));
    const unlisted = guarded.filter(({ policy, field }) => !byName.get(policy)?.operations.includes(field));
    expect(unlisted).toEqual([]);
  });

  it('guard every object field a policy lists (root fields may be checked in the domain instead)', () => {
    const listedObjectFields = POLICY_DEFAULTS.flatMap(({ name, operations }) =>
      operations.filter((operation) => /^[A-Z]\w*\.\w+$/.test(operation) && !/^(Query|Mutation)\./.test(operation)).map((field) => ({ policy: name, field })),
    );
    expect(listedObjectFields.length).toBeGreaterThan(0);
    expect(guarded).toEqual(expect.arrayContaining(listedObjectFields));
  });
});
