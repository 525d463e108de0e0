// The metadata a client may set on an image, and the checks every create and update applies to it.
// Glance: glance/api/v2/images.py RequestDeserializer, glance/domain/__init__.py ImageFactory
import type { Config } from '../../config/index.js';
import type { Image } from '../../persistence/index.js';
import { InvalidInputError } from '../errors.js';
import { assertDbInt, assertFormat, assertPropertyName, assertPropertyValue, assertText } from './image-validation.js';
import type { ImageVisibility } from './image-values.js';

export interface PropertyInput {
  key: string;
  value: string;
}

export interface EditableFields {
  name?: string | null;
  visibility?: ImageVisibility | null;
  protected?: boolean | null;
  osHidden?: boolean | null;
  diskFormat?: string | null;
  containerFormat?: string | null;
  minDisk?: number | null;
  minRam?: number | null;
  owner?: string | null;
}

export interface CreateImageFields extends EditableFields {
  id?: string | null;
  tags?: readonly string[] | null;
  properties?: readonly PropertyInput[] | null;
}

export interface UpdateImageFields extends EditableFields {
  id: string;
  setProperties?: readonly PropertyInput[] | null;
  removeProperties?: readonly string[] | null;
}

/** Fields a client may clear by sending null; the others must be given a value or left out. */
const CLEARABLE = new Set<keyof EditableFields>(['name', 'diskFormat', 'containerFormat', 'owner']);
const EDITABLE: readonly (keyof EditableFields)[] = [
  'name', 'visibility', 'protected', 'osHidden', 'diskFormat', 'containerFormat', 'minDisk', 'minRam', 'owner',
];

export function applyEdits(image: Image, fields: EditableFields): void {
  const target = image as unknown as Record<keyof EditableFields, unknown>;
  for (const key of EDITABLE) {
    if (fields[key] !== undefined) target[key] = fields[key];
  }
}

export function checkEditableFields(fields: EditableFields, config: Config): void {
  for (const key of EDITABLE) {
    if (fields[key] === null && !CLEARABLE.has(key)) throw new InvalidInputError(`${key} cannot be null`);
  }
  if (fields.name) assertText(fields.name, 'name');
  if (fields.owner) assertText(fields.owner, 'owner');
  if (fields.minDisk !== null && fields.minDisk !== undefined) assertDbInt(fields.minDisk, 'minDisk');
  if (fields.minRam !== null && fields.minRam !== undefined) assertDbInt(fields.minRam, 'minRam');
  assertFormat('disk', fields.diskFormat, config);
  assertFormat('container', fields.containerFormat, config);
}

/** The properties as a map, each name and value checked against Glance's rules. */
export function checkedProperties(properties: readonly PropertyInput[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const { key, value } of properties) {
    assertPropertyName(key);
    assertPropertyValue(key, value);
    result.set(key, value);
  }
  return result;
}
