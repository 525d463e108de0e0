// Checking an IMPORT task's input before the task is accepted, so a bad request fails at once with
// BAD_USER_INPUT instead of as a FAILURE minutes later.
// Glance (Debian patch, OSSN-0105): glance/api/v2/tasks.py TasksController.create validates legacy import URIs.
import type { Config } from '../../config/index.js';
import { InvalidInputError } from '../errors.js';
import type { CreateImageFields } from '../images/image.service.js';
import type { DiskFormat } from '../images/image-values.js';
import { assertOutboundUrlAllowed } from '../outbound-http/url-filter.js';

export interface ImportTaskInput {
  importFrom: string;
  importFromFormat: DiskFormat;
  imageProperties: CreateImageFields;
}

/**
 * The fields of the image the import creates: the caller's, with the disk format taken from `importFromFormat`.
 * The image needs a container format to become ACTIVE. An `owner` is checked as on createImage (admins may name
 * another project, others only their own: FORBIDDEN), since Glance makes the import's image the same way.
 * Glance: glance/common/scripts/image_import/main.py create_image, glance/api/authorization.py ImageFactoryProxy
 */
export async function checkImportInput(input: ImportTaskInput, config: Config): Promise<CreateImageFields> {
  await assertOutboundUrlAllowed(input.importFrom, config);
  const fields = input.imageProperties;
  if (fields.diskFormat && fields.diskFormat !== input.importFromFormat) {
    throw new InvalidInputError(
      `imageProperties.diskFormat (${fields.diskFormat.toUpperCase()}) differs from importFromFormat ` +
        `(${input.importFromFormat.toUpperCase()}); this server does not convert formats`,
    );
  }
  if (!fields.containerFormat) throw new InvalidInputError('imageProperties.containerFormat is required for an import');
  return { ...fields, diskFormat: input.importFromFormat };
}
