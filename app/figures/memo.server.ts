import type Database from "better-sqlite3";

/**
 * Figures computed once per state of the data. A figure is a pure function
 * of the database and its arguments (the as-of day among them), so its
 * result can be reused until the data changes: figures_version counts every
 * change to the tables figures read (db/figures-version.ts, by triggers, so
 * no write path can forget it), and one cheap read of that count per call
 * tells whether the cached results still hold. At 100× the demo the
 * programme's rollup costs about a second of SQL; read from here it costs
 * the count's read. See docs/decisions/019-figures-cache.md.
 *
 * Not cached: reads inside a transaction (they may see the transaction's own
 * uncommitted writes) and readers that are not the top-level connection.
 * Results are frozen, so a caller that tried to change a shared result
 * would fail loudly instead of corrupting what the next request reads.
 */

/** Results kept per connection; the least recently used go first. */
const MAX_ENTRIES = 200;

type Cache = { changes: number; entries: Map<string, unknown> };

const caches = new WeakMap<Database.Database, Cache>();
const versionReads = new WeakMap<Database.Database, Database.Statement>();

function clientOf(db: unknown): Database.Database | null {
  const client = (db as { $client?: Database.Database } | null)?.$client;
  return client && typeof client.prepare === "function" && !client.inTransaction ? client : null;
}

/** The change count of the data figures read (figures_version). */
export function figuresChanges(client: Database.Database): number {
  let read = versionReads.get(client);
  if (!read) {
    read = client.prepare("select changes from figures_version where id = 1").pluck();
    versionReads.set(client, read);
  }
  return Number(read.get() ?? 0);
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
    return value;
  }
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

function cacheFor(client: Database.Database): Cache {
  const changes = figuresChanges(client);
  let cache = caches.get(client);
  if (!cache || cache.changes !== changes) {
    // The data moved: every result computed before is stale at once.
    cache = { changes, entries: new Map() };
    caches.set(client, cache);
  }
  return cache;
}

/**
 * The result of `compute` for this key while the data has not changed
 * (computed and kept on a miss). `key` names the figure and every argument
 * it depends on besides the database.
 */
export function rememberFigure<R>(db: unknown, key: string, compute: () => R): R {
  const client = clientOf(db);
  if (!client) return compute();
  const cache = cacheFor(client);
  if (cache.entries.has(key)) {
    const value = cache.entries.get(key) as R;
    // Most recently used last, so eviction takes the oldest.
    cache.entries.delete(key);
    cache.entries.set(key, value);
    recording?.push([key, value]);
    return value;
  }
  const value = deepFreeze(compute());
  keep(cache, key, value);
  recording?.push([key, value]);
  return value;
}

function keep(cache: Cache, key: string, value: unknown): void {
  cache.entries.set(key, value);
  if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value as string);
}

export type FigureEntries = Array<[key: string, value: unknown]>;

let recording: FigureEntries | null = null;

/**
 * Runs `work` and returns, with its result, every cached figure it read or
 * computed: the background thread (server/figures-thread.ts) computes them on its own
 * connection and hands them to the request thread's cache (primeFigures).
 */
export function recordFigures<T>(work: () => T): { result: T; entries: FigureEntries } {
  const outer = recording;
  const entries: FigureEntries = [];
  recording = entries;
  try {
    return { result: work(), entries };
  } finally {
    recording = outer;
  }
}

/**
 * Adds figures computed elsewhere to this connection's cache, provided they
 * were computed at the change count the data still has (else they are stale
 * and dropped). Results already cached are kept. Returns how many were added.
 */
export function primeFigures(db: unknown, changes: number, entries: FigureEntries): number {
  const client = clientOf(db);
  if (!client) return 0;
  const cache = cacheFor(client);
  if (cache.changes !== changes) return 0;
  let added = 0;
  for (const [key, value] of entries) {
    if (cache.entries.has(key)) continue;
    keep(cache, key, deepFreeze(value));
    added++;
  }
  return added;
}

/** Drops this connection's cached figures (the background thread, once it has handed them over). */
export function forgetFigures(db: unknown): void {
  const client = clientOf(db);
  if (client) caches.delete(client);
}

/**
 * `compute`, answered from the cache while the data has not changed. `name`
 * must be unique per figure; the arguments after the database must be plain
 * JSON values (they form the key).
 */
export function memoFigure<D, A extends unknown[], R>(name: string, compute: (db: D, ...args: A) => R): (db: D, ...args: A) => R {
  return (db: D, ...args: A): R => rememberFigure(db, `${name}:${JSON.stringify(args)}`, () => compute(db, ...args));
}
