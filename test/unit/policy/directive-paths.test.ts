// A mistake in an @policy directive must stop the schema from being built (so the server does not start and this
// suite fails), not surface as an internal error when the field is first called.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { concatAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyPolicyDirective } from '../../../src/graphql/directives/policy.directive.js';
import { buildSchema, loadTypeDefs } from '../../../src/graphql/schema.js';

/** The real schema (for the directive's declaration) plus one probe field carrying `directive`. */
function buildWith(directive: string, on: 'Mutation' | 'Image' = 'Mutation') {
  const probe = on === 'Mutation'
    ? `extend type Mutation { probe(input: ProbeInput!, optional: ProbeInput, id: ID!): Boolean ${directive} }`
    : `extend type Image { probe: Boolean ${directive} }`;
  const typeDefs = concatAST([
    loadTypeDefs(),
    parse(`input ProbeInput { id: ID!, maybeId: ID, ids: [ID!]!, name: String!, inner: ProbeInner! }
     input ProbeInner { imageId: ID! }
     ${probe}`),
  ]);
  // Built as the server builds its schema: a Federation subgraph.
  return () => applyPolicyDirective(buildSubgraphSchema({ typeDefs }));
}

describe('@policy image paths, checked when the schema is built', () => {
  it('accept a path through non-null arguments and input fields to an ID!', () => {
    expect(buildWith('@policy(name: "deactivate", image: "input.id")')).not.toThrow();
    expect(buildWith('@policy(name: "deactivate", image: "input.inner.imageId")')).not.toThrow();
    expect(buildWith('@policy(name: "deactivate", image: "id", whenStatus: [DEACTIVATED])')).not.toThrow();
  });

  it.each([
    ['input.idd', 'a field the input does not have'],
    ['inputs.id', 'an argument the field does not have'],
    ['input.maybeId', 'a nullable id'],
    ['optional.id', 'a nullable argument on the way'],
    ['input.ids', 'a list of ids'],
    ['input.name', 'a String rather than an ID'],
    ['input', 'the input object itself'],
    ['input.id.more', 'a path going past the id'],
  ])('refuse "%s" (%s), naming the field and the path', (path) => {
    expect(buildWith(`@policy(name: "deactivate", image: "${path}")`)).toThrow(
      `@policy(name: "deactivate") on Mutation.probe: image path "${path}" must name a non-null ID`,
    );
  });

  it('refuse an image path on an Image field, whose image is its parent', () => {
    expect(buildWith('@policy(name: "get_image_location", image: "id")', 'Image')).toThrow(/Image\.probe: an Image field acts on its parent/);
    expect(buildWith('@policy(name: "get_image_location")', 'Image')).not.toThrow();
  });

  it('refuse whenStatus on a root field that names no image (the rule could never apply)', () => {
    expect(buildWith('@policy(name: "delete_deactivated_image", whenStatus: [DEACTIVATED])')).toThrow(/`whenStatus` needs an image/);
  });

  it('find no mistake in the product schema', () => {
    expect(() => buildSchema()).not.toThrow();
  });
});
