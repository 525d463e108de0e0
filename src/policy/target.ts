// The object an image rule is checked against, as Glance's ImageTarget presents an image to oslo.policy.
// Glance: glance/api/policy.py ImageTarget; member_id from glance/db/__init__.py ImageRepo._format_image_from_db.
import type { Target } from './evaluator.js';

/** What the policy engine needs to know about an image; the caller maps its own entity onto this. */
export interface ImageFacts {
  readonly id: string;
  readonly owner: string | null;
  readonly visibility: string;
  readonly status: string;
  readonly protected: boolean;
  /** Custom properties; rules may refer to them by name (`%(hw_machine_type)s`). */
  readonly properties?: Readonly<Record<string, string>>;
}

export function imageTarget(image: ImageFacts, callerProjectId: string | null): Target {
  const isSharedWithCaller =
    image.visibility === 'shared' && callerProjectId !== null && callerProjectId !== image.owner;
  return {
    // Base attributes come last so a custom property cannot pose as the owner or the visibility.
    ...image.properties,
    id: image.id,
    owner: image.owner,
    visibility: image.visibility,
    status: image.status,
    protected: image.protected,
    image_id: image.id,
    project_id: image.owner,
    member_id: isSharedWithCaller ? callerProjectId : null,
  };
}

/** For rules about the caller's own project rather than one image: listing, creating, tasks. */
export function projectTarget(projectId: string | null): Target {
  return { project_id: projectId, owner: projectId };
}
