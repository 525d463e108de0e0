// Checking an IMPORT task's input before the task is accepted, so a bad request fails at once with
// BAD_USER_INPUT instead of as a FAILURE minutes later.
// Glance (Debian patch, OSSN-0105): glance/api/v2/tasks.py TasksController.create validates legacy import URIs.
import type { Config } from '../../config/index.js';
import type { Identity } from '../identity.js';
import { InvalidInputError } from '../errors.js';
import type { CreateImageFields } from '../images/image.service.js';
import type { DiskFormat } from '../images/image-values.js';
import { assertOutboundUrlAllowed } from '../net/url-filter.js';

export interface ImportTaskInput {
  importFrom: string;
  importFromFormat: DiskFormat;
  imageProperties: CreateImageFields;
}

/**
 * The fields of the image the import creates: the caller's, with the disk format taken from `importFromFormat`.
 * The image belongs to the task's project, and needs a container format to become ACTIVE.
 */
export async function checkImportInput(input: ImportTaskInput, identity: Identity, config: Config): Promise<CreateImageFields> {
  await assertOutboundUrlAllowed(input.importFrom, config);
  const fields = input.imageProperties;
  if (fields.diskFormat && fields.diskFormat !== input.importFromFormat) {
    throw new InvalidInputError(
      `imageProperties.diskFormat (${fields.diskFormat.toUpperCase()}) differs from importFromFormat ` +
        `(${input.importFromFormat.toUpperCase()}); this server does not convert formats`,
    );
  }
  if (!fields.containerFormat) throw new InvalidInputError('imageProperties.containerFormat is required for an import');
  if (fields.owner && fields.owner !== identity.projectId) {
    throw new InvalidInputError('imageProperties.owner must be left out: an import creates the image in the task owner\'s project');
  }
  return { ...fields, diskFormat: input.importFromFormat, owner: identity.projectId };
}
