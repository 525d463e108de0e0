import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// Through the package entry point, so the public re-exports are exercised too.
import {
  evaluate,
  imageTarget,
  newImageTarget,
  parseRule,
  PolicyEnforcer,
  projectTarget,
  readsCustomProperties,
  targetKeysOf,
  type Credentials,
  type ImageFacts,
  type Target,
} from '../../../src/policy/index.js';

const image: Required<ImageFacts> = {
  id: 'img-1',
  name: 'cirros',
  owner: 'P',
  visibility: 'shared',
  status: 'active',
  protected: true,
  osHidden: false,
  diskFormat: 'raw',
  containerFormat: 'bare',
  size: 1024,
  virtualSize: null,
  minDisk: 1,
  minRam: 512,
  checksum: 'c'.repeat(32),
  osHashAlgo: 'sha512',
  osHashValue: 'h'.repeat(128),
  createdAt: new Date('2024-05-01T10:00:00.000Z'),
  updatedAt: new Date('2024-05-02T11:30:00.000Z'),
};

const member: Credentials = { user_id: 'q', project_id: 'Q', roles: ['member'], is_admin: false };

function decide(check: string, target: Target, credentials = member): boolean {
  return evaluate(parseRule('p', check), { credentials, target, resolveRule: () => undefined });
}

describe('imageTarget', () => {
  it('names every column as Glance’s API does, with Glance’s aliases', () => {
    expect(imageTarget(image, 'Q')).toEqual({
      id: 'img-1',
      name: 'cirros',
      owner: 'P',
      visibility: 'shared',
      status: 'active',
      protected: true,
      os_hidden: false,
      disk_format: 'raw',
      container_format: 'bare',
      size: 1024,
      virtual_size: null,
      min_disk: 1,
      min_ram: 512,
      checksum: 'c'.repeat(32),
      os_hash_algo: 'sha512',
      os_hash_value: 'h'.repeat(128),
      created_at: '2024-05-01T10:00:00.000Z',
      updated_at: '2024-05-02T11:30:00.000Z',
      image_id: 'img-1',
      project_id: 'P',
      member_id: 'Q',
      member: 'Q',
    });
  });

  it('lets rules compare columns: formats, sizes, flags', () => {
    expect(decide("'raw':%(disk_format)s", imageTarget(image, null))).toBe(true);
    expect(decide("'raw':%(disk_format)s", imageTarget({ ...image, diskFormat: 'qcow2' }, null))).toBe(false);
    expect(decide("'512':%(min_ram)s and 'bare':%(container_format)s", imageTarget(image, null))).toBe(true);
    expect(decide('False:%(os_hidden)s', imageTarget(image, null))).toBe(true);
    // A null column never matches, not even the text "None".
    expect(decide("'None':%(virtual_size)s", imageTarget(image, null))).toBe(false);
  });

  it('adds custom properties, which lose to a column or alias of the same name', () => {
    const target = imageTarget(image, 'Q', { hw_machine_type: 'q35', project_id: 'Q', member_id: 'X', owner: 'Q', disk_format: 'iso' });
    expect(target).toMatchObject({ hw_machine_type: 'q35', project_id: 'P', member_id: 'Q', owner: 'P', disk_format: 'raw' });
    expect(decide("'q35':%(hw_machine_type)s", target)).toBe(true);
    // The property "project_id" cannot make project Q's member look like the owner.
    expect(decide('project_id:%(project_id)s', target)).toBe(false);
  });

  it('leaves out columns it was not given, so a rule naming one fails', () => {
    const brief: ImageFacts = { id: 'i', owner: 'P', visibility: 'private', status: 'queued', protected: false };
    expect(Object.keys(imageTarget(brief, null)).sort()).toEqual(
      ['id', 'image_id', 'member', 'member_id', 'owner', 'project_id', 'protected', 'status', 'visibility'],
    );
    expect(decide("'raw':%(disk_format)s", imageTarget(brief, null))).toBe(false);
  });

  it('sets member_id only for a shared image seen by another project', () => {
    expect(imageTarget(image, 'P').member_id).toBeNull();
    expect(imageTarget(image, null).member_id).toBeNull();
    expect(imageTarget({ ...image, visibility: 'private' }, 'Q').member_id).toBeNull();
    expect(imageTarget({ ...image, visibility: 'public' }, 'Q').member_id).toBeNull();
  });

  it('lets a rule grant access through member_id', () => {
    const rule = 'role:member and project_id:%(member_id)s';
    expect(decide(rule, imageTarget(image, 'Q'))).toBe(true);
    expect(decide(rule, imageTarget({ ...image, visibility: 'private' }, 'Q'))).toBe(false);
  });

  it('renders booleans for literal checks', () => {
    expect(decide('True:%(protected)s', imageTarget({ ...image, protected: false }, 'P'))).toBe(false);
    expect(decide('True:%(protected)s', imageTarget(image, 'P'))).toBe(true);
  });
});

describe('newImageTarget', () => {
  it('describes the image to be created: its owner, also as project_id, and its visibility', () => {
    expect(newImageTarget({ owner: 'P', visibility: 'private' })).toEqual({ project_id: 'P', owner: 'P', visibility: 'private' });
  });

  it('makes Glance’s add_image default refuse an image for another project, and lets rules look at visibility', () => {
    const addImage = 'role:admin or (role:member and project_id:%(project_id)s and project_id:%(owner)s)';
    const pMember: Credentials = { ...member, project_id: 'P' };
    expect(decide(addImage, newImageTarget({ owner: 'P', visibility: 'shared' }), pMember)).toBe(true);
    expect(decide(addImage, newImageTarget({ owner: 'Q', visibility: 'shared' }), pMember)).toBe(false);
    const privateOnly = "role:member and 'private':%(visibility)s";
    expect(decide(privateOnly, newImageTarget({ owner: 'P', visibility: 'private' }), pMember)).toBe(true);
    expect(decide(privateOnly, newImageTarget({ owner: 'P', visibility: 'shared' }), pMember)).toBe(false);
  });
});

describe('projectTarget', () => {
  it('names the project as both project_id and owner', () => {
    expect(projectTarget('P')).toEqual({ project_id: 'P', owner: 'P' });
    expect(projectTarget(null)).toEqual({ project_id: null, owner: null });
  });
});

describe('which target keys rules read', () => {
  it('collects the slots of role and match checks, inside and/or/not', () => {
    const rule = parseRule('p', "role:%(role_name)s or not ('raw':%(disk_format)s and project_id:%(owner)s) or rule:other");
    expect(targetKeysOf(rule).sort()).toEqual(['disk_format', 'owner', 'role_name']);
  });

  it('needs custom properties only for a key that is neither a column nor an alias', () => {
    expect(readsCustomProperties(['project_id', 'member_id', 'member', 'image_id', 'disk_format', 'created_at'])).toBe(false);
    expect(readsCustomProperties(['owner', 'hw_machine_type'])).toBe(true);
  });

  describe('in the enforcer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glance-target-keys-'));
    const file = join(dir, 'policy.yaml');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const logger = { info() {}, warn() {}, error() {} };

    it('are the defaults’ keys, none of them a property, until a file rule reads a property', async () => {
      writeFileSync(file, '# nothing yet\n{}\n');
      const enforcer = await PolicyEnforcer.create({ policyFile: file, logger });
      try {
        expect([...enforcer.targetKeys()].sort()).toEqual(['member_id', 'owner', 'project_id', 'visibility']);
        expect(readsCustomProperties(enforcer.targetKeys())).toBe(false);

        writeFileSync(file, "deactivate: \"role:admin or 'yes':%(locked)s\"\n");
        expect(await enforcer.reload()).toBe(true);
        expect(enforcer.targetKeys().has('locked')).toBe(true);
        expect(readsCustomProperties(enforcer.targetKeys())).toBe(true);
      } finally {
        enforcer.close();
      }
    });
  });
});
