import { describe, expect, it } from 'vitest';
// Through the package entry point, so the public re-exports are exercised too.
import {
  evaluate,
  imageTarget,
  parseRule,
  projectTarget,
  type Credentials,
  type ImageFacts,
} from '../../../src/policy/index.js';

const image: ImageFacts = {
  id: 'img-1',
  owner: 'P',
  visibility: 'shared',
  status: 'active',
  protected: true,
  properties: { hw_machine_type: 'q35', owner: 'Q', visibility: 'public' },
};

describe('imageTarget', () => {
  it('exposes the attributes, custom properties and Glance aliases', () => {
    expect(imageTarget(image, 'Q')).toEqual({
      hw_machine_type: 'q35',
      id: 'img-1',
      image_id: 'img-1',
      owner: 'P',
      project_id: 'P',
      visibility: 'shared',
      status: 'active',
      protected: true,
      member_id: 'Q',
    });
  });

  it('sets member_id only for a shared image seen by another project', () => {
    expect(imageTarget(image, 'P').member_id).toBeNull();
    expect(imageTarget(image, null).member_id).toBeNull();
    expect(imageTarget({ ...image, visibility: 'private' }, 'Q').member_id).toBeNull();
    expect(imageTarget({ ...image, visibility: 'public' }, 'Q').member_id).toBeNull();
  });

  it('lets a rule grant access through member_id', () => {
    const rule = parseRule('download_image', 'role:member and project_id:%(member_id)s');
    const qMember: Credentials = { user_id: 'q', project_id: 'Q', roles: ['member'], is_admin: false };
    const allowed = (facts: ImageFacts) =>
      evaluate(rule, { credentials: qMember, target: imageTarget(facts, 'Q'), resolveRule: () => undefined });
    expect(allowed(image)).toBe(true);
    expect(allowed({ ...image, visibility: 'private' })).toBe(false);
  });

  it('renders booleans for literal checks', () => {
    const rule = parseRule('p', 'True:%(protected)s');
    const credentials: Credentials = { user_id: 'u', project_id: 'P', roles: [], is_admin: false };
    const target = imageTarget({ ...image, protected: false }, 'P');
    expect(evaluate(rule, { credentials, target, resolveRule: () => undefined })).toBe(false);
  });
});

describe('projectTarget', () => {
  it('names the project as both project_id and owner', () => {
    expect(projectTarget('P')).toEqual({ project_id: 'P', owner: 'P' });
    expect(projectTarget(null)).toEqual({ project_id: null, owner: null });
  });
});
