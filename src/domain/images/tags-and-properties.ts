// The tags and the properties of the images one request resolves. A response that shows both asks for them in the
// same turn of the event loop (the tag and property loaders dispatch together); both are then read with one
// statement, one round trip to the database instead of two.
import { selectByKeysTogether, type EntityManager } from '../../persistence/index.js';

export interface TagRow {
  image_id: string;
  value: string;
}

export interface PropertyRow {
  image_id: string;
  name: string;
  value: string;
}

type Kind = 'tags' | 'properties';

/** The rows of one kind per read; a kind not asked for reads nothing. */
interface Rows {
  tags: TagRow[];
  properties: PropertyRow[];
}

/** The image ids each kind was asked for in one turn, and the answer once read. */
interface Round {
  ids: Partial<Record<Kind, readonly string[]>>;
  rows: Promise<Rows>;
}

/** One statement row of either kind: `name` is a tag's value or a property's name. */
interface ChildRow {
  kind: number;
  image_id: string;
  name: string;
  value: string | null;
}

const TAGS = { head: 'select 0 as kind, image_id, value as name, null as value from image_tags where', column: 'image_id' };
const PROPERTIES = { head: 'select 1 as kind, image_id, name, value from image_properties where', column: 'image_id' };

export class TagsAndProperties {
  private round: Round | null = null;

  constructor(private readonly em: EntityManager) {}

  /** The tags of these images, in order of value. */
  async tags(imageIds: readonly string[]): Promise<TagRow[]> {
    return (await this.ask('tags', imageIds)).tags;
  }

  /** The properties of these images, in order of name. */
  async properties(imageIds: readonly string[]): Promise<PropertyRow[]> {
    return (await this.ask('properties', imageIds)).properties;
  }

  private ask(kind: Kind, imageIds: readonly string[]): Promise<Rows> {
    // A kind asked for twice in one turn (a loader cleared meanwhile) starts a round of its own.
    if (!this.round || this.round.ids[kind]) this.round = this.startRound();
    this.round.ids[kind] = imageIds;
    return this.round.rows;
  }

  /** A round read once the loaders that dispatch in this turn have asked (they run in the same nextTick queue). */
  private startRound(): Round {
    const ids: Round['ids'] = {};
    const rows = new Promise((resolve) => process.nextTick(resolve)).then(() => {
      if (this.round?.ids === ids) this.round = null;
      return this.read(ids);
    });
    return { ids, rows };
  }

  private async read(ids: Round['ids']): Promise<Rows> {
    const rows = await selectByKeysTogether<ChildRow>(
      this.em,
      [
        { ...TAGS, keys: ids.tags ?? [] },
        { ...PROPERTIES, keys: ids.properties ?? [] },
      ],
      'order by kind, name',
    );
    const answer: Rows = { tags: [], properties: [] };
    for (const { kind, image_id, name, value } of rows) {
      if (kind === 0) answer.tags.push({ image_id, value: name });
      else answer.properties.push({ image_id, name, value: value! });
    }
    return answer;
  }
}
