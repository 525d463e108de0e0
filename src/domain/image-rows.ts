// Child rows of a batch of images (tags, properties, locations, members), grouped per image for a batch loader.

/** A batch loader's answer: the rows of each image, in the order of `ids` (rows keep their order within one). */
export function groupByImage<T>(ids: readonly string[], rows: readonly T[], imageIdOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(imageIdOf(row))?.push(row);
  return ids.map((id) => groups.get(id)!);
}
