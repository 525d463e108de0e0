// MikroORM 6 writes every value into the SQL text itself (platform.formatQuery) and hands knex the result, so a
// value its escaping gets wrong breaks the statement: a NUL cut an SQLite statement short ("unrecognized token").
// Our drivers' connections send each statement with its values as bindings instead; no value is ever SQL text.
import { JsonProperty, Utils, type AnyEntity, type EntityData, type LoggingOptions, type QueryResult, type Transaction } from '@mikro-orm/core';
import { AbstractSqlConnection, AbstractSqlDriver, type AbstractSqlPlatform, type Configuration, type Knex } from '@mikro-orm/knex';
import { PostgreSqlConnection, PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { SqliteConnection, SqlitePlatform } from '@mikro-orm/sqlite';
import { isConnectionLoss } from './connection-loss.js';
import { ArrayParameter, preparedStatementName } from './id-list-reads.js';

export interface BoundStatement {
  /** SQL text with one `?` per binding (and `\?` where MikroORM meant a literal question mark). */
  sql: string;
  bindings: unknown[];
}

/** What the driver receives for one scalar value. */
type ScalarBinding = (value: unknown) => unknown;

/**
 * MikroORM's statement (`?` a value, `??` an identifier, `\?` a literal `?`) with its params, as SQL whose values
 * are all bindings. Everything else is what formatQuery would write: identifiers quoted into the text, raw
 * fragments spliced in (their values bound too), a list as one placeholder per item (an ArrayParameter as one),
 * objects as JSON text.
 */
export function bindParameters(platform: AbstractSqlPlatform, sql: string, params: readonly unknown[], scalar: ScalarBinding): BoundStatement {
  const bindings: unknown[] = [];
  const placeholderOf = (value: unknown): string => {
    if (Utils.isRawSql(value)) return splice(value.sql, value.params ?? []);
    if (platform.isRaw(value)) {
      const compiled = (value as Knex.Raw).toSQL();
      return splice(compiled.sql, compiled.bindings);
    }
    if (Utils.isPlainObject(value) || (value as { [JsonProperty]?: unknown } | null)?.[JsonProperty]) {
      bindings.push(JSON.stringify(value));
      return '?';
    }
    if (value instanceof ArrayParameter) {
      bindings.push(value.values);
      return '?';
    }
    if (Array.isArray(value)) return value.map((item) => (Array.isArray(item) ? `(${item.map(placeholderOf).join(', ')})` : placeholderOf(item))).join(', ');
    bindings.push(scalar(value));
    return '?';
  };
  const splice = (text: string, values: readonly unknown[]): string => {
    let next = 0;
    return text.replace(/\\\?|\?\??/g, (token) => {
      if (token === '\\?') return token;
      const value = values[next++];
      return token === '??' ? platform.quoteIdentifier(value as string) : placeholderOf(value);
    });
  };
  return { sql: params.length === 0 ? sql : splice(sql, params), bindings };
}

type ConnectionClass = abstract new (...args: any[]) => AbstractSqlConnection;

/** A statement that only reads (no `for update`: that one belongs in a transaction anyway). */
const READ = /^select\b(?![\s\S]*\bfor update\b)/i;
/**
 * A pooled connection the database ended while it sat idle (a restart, an operator ending sessions) fails the first
 * statement sent on it, before the pool has heard; the pool then drops it. What is safe to send again (a read, the
 * BEGIN of a transaction) is tried on another connection, this many times in all; once the database itself is
 * gone, the last failure is the answer.
 */
const FRESH_CONNECTION_ATTEMPTS = 3;

/** `work`, run again (FRESH_CONNECTION_ATTEMPTS in all) while it meets a lost connection and `repeatable` holds. */
async function onFreshConnection<T>(work: () => Promise<T>, repeatable: boolean): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!repeatable || attempt === FRESH_CONNECTION_ATTEMPTS || !isConnectionLoss(error)) throw error;
    }
  }
}

/** `Base` executing statements with bound values (see bindParameters); logs still show them with values. */
function bindingValues<C extends ConnectionClass>(Base: C, scalar: ScalarBinding) {
  abstract class BoundConnection extends Base {
    override async execute<T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[]>(
      queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
      params: unknown[] = [],
      method: 'all' | 'get' | 'run' = 'all',
      ctx?: Transaction,
      loggerContext?: LoggingOptions,
    ): Promise<T> {
      await this.ensureConnection();
      if (typeof queryOrKnex !== 'string') {
        ctx ??= (queryOrKnex as unknown as { client: { transacting?: boolean } }).client.transacting ? queryOrKnex : undefined;
        const compiled = queryOrKnex.toSQL();
        queryOrKnex = compiled.sql;
        params = [...(compiled.bindings ?? [])];
      }
      const query = this.config.get('onQuery')(queryOrKnex, params);
      const statement = bindParameters(this.platform, query, params, scalar);
      const run = async () => {
        // Without bindings knex must not look for placeholders: the text may hold a literal `?`.
        const raw = statement.bindings.length ? this.getKnex().raw(statement.sql, statement.bindings as Knex.RawBinding[]) : this.getKnex().raw(statement.sql);
        if (ctx) raw.transacting(ctx as Knex.Transaction);
        const name = preparedStatementName(statement.sql);
        if (name) raw.options({ name });
        return this.transformRawResult<T>(await raw, method);
      };
      // A read outside a transaction changes nothing: one that met a dead pooled connection is sent again. A write
      // or a statement of a transaction fails as it is (SERVICE_UNAVAILABLE, try again).
      const repeatable = !ctx && READ.test(statement.sql);
      return this.executeQuery(this.loggedSql(query, params, loggerContext), () => onFreshConnection(run, repeatable), { query, params, ...loggerContext });
    }

    /** A transaction whose BEGIN met a dead connection has done nothing yet: it is begun on another. */
    override begin(options: Parameters<AbstractSqlConnection['begin']>[0] = {}): Promise<Knex.Transaction> {
      // A savepoint inside a transaction cannot move to another connection.
      return onFreshConnection(() => super.begin(options), !options.ctx);
    }

    /** The statement as MikroORM logs it: with its values written in when `query-params` is logged. */
    private loggedSql(query: string, params: unknown[], loggerContext?: LoggingOptions): string {
      const logger = this.config.getLogger();
      if (logger.isEnabled('query', loggerContext) && logger.isEnabled('query-params', loggerContext)) return this.platform.formatQuery(query, params);
      return query;
    }
  }
  return BoundConnection;
}

const orNull = (value: unknown) => (value === undefined ? null : value);

// Dates as MikroORM writes them on each engine: milliseconds since the epoch on SQLite, ISO 8601 in UTC on
// PostgreSQL (forceUtcTimezone).
const BoundSqliteConnection = bindingValues(SqliteConnection, (value) => (value instanceof Date ? value.getTime() : orNull(value)));
const BoundPostgreSqlConnection = bindingValues(PostgreSqlConnection, (value) => (value instanceof Date ? value.toISOString() : orNull(value)));

export class BoundSqliteDriver extends AbstractSqlDriver {
  constructor(config: Configuration) {
    super(config, new SqlitePlatform(), BoundSqliteConnection as unknown as new (...args: any[]) => SqliteConnection, ['knex', 'sqlite3']);
  }
}

export class BoundPostgreSqlDriver extends AbstractSqlDriver {
  constructor(config: Configuration) {
    super(config, new PostgreSqlPlatform(), BoundPostgreSqlConnection as unknown as new (...args: any[]) => PostgreSqlConnection, ['knex', 'pg']);
  }
}
