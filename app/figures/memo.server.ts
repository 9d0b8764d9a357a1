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

/**
 * Results kept per connection; the least recently used go first once there
 * are more than MAX_ENTRIES or their estimated size passes MAX_BYTES. At
 * 100x one rollup is several MiB, and every as-of day or filter asked for is
 * an entry of its own: a count alone would let the cache grow past the
 * server's memory bound (docs/decisions/022-memory-bound.md).
 */
const MAX_ENTRIES = 200;
const MAX_BYTES = 64 * 1024 * 1024;

type Cache = { changes: number; entries: Map<string, { value: unknown; bytes: number }>; bytes: number };

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

/**
 * Freezes `value` and everything in it, and returns an estimate of the heap
 * it takes (the walk is needed for freezing anyway): V8's usual sizes for a
 * small object, an array slot and a string's characters. Parts already
 * frozen were counted where they were first cached, and are not again.
 */
function freezeAndMeasure(value: unknown): number {
  if (typeof value === "string") return 16 + value.length;
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return 8;
  let bytes = 32;
  if (value instanceof Map) {
    for (const [k, v] of value) bytes += 16 + freezeAndMeasure(k) + freezeAndMeasure(v);
    return bytes;
  }
  for (const v of Object.values(value)) bytes += 8 + freezeAndMeasure(v);
  Object.freeze(value);
  return bytes;
}

function cacheFor(client: Database.Database): Cache {
  const changes = figuresChanges(client);
  let cache = caches.get(client);
  if (!cache || cache.changes !== changes) {
    // The data moved: every result computed before is stale at once.
    cache = { changes, entries: new Map(), bytes: 0 };
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
  const hit = cache.entries.get(key);
  if (hit) {
    // Most recently used last, so eviction takes the oldest.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    recording?.push([key, hit.value]);
    return hit.value as R;
  }
  const value = compute();
  keep(cache, key, value);
  recording?.push([key, value]);
  return value;
}

function keep(cache: Cache, key: string, value: unknown): void {
  const bytes = freezeAndMeasure(value);
  cache.entries.set(key, { value, bytes });
  cache.bytes += bytes;
  for (const [oldest, entry] of cache.entries) {
    if (cache.entries.size <= MAX_ENTRIES && cache.bytes <= MAX_BYTES) break;
    // The newest stays even alone over the limit: its caller holds it anyway until the response is sent.
    if (oldest === key) break;
    cache.entries.delete(oldest);
    cache.bytes -= entry.bytes;
  }
}

/** How many results this connection's cache holds and their estimated size (tests, and the bench's log). */
export function cachedFigures(db: unknown): { entries: number; bytes: number } {
  const client = clientOf(db);
  const cache = client ? caches.get(client) : undefined;
  return { entries: cache?.entries.size ?? 0, bytes: cache?.bytes ?? 0 };
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
    keep(cache, key, value);
    added++;
  }
  return added;
}

/** Drops this connection's cached figures (the background thread, once it has handed them over). */
export function forgetFigures(db: unknown): void {
  const client = clientOf(db);
  if (client) caches.delete(client);
}

/** A memoized figure: callable like the function it wraps, and named, so another thread can compute it by name. */
export type MemoFigure<D, A extends unknown[], R> = ((db: D, ...args: A) => R) & { figureName: string };

const registry = new Map<string, (db: unknown, ...args: unknown[]) => unknown>();

/** The memoized figure of this name, in this thread (the modules defining it must have been loaded). */
export function figureByName(name: string): ((db: unknown, ...args: unknown[]) => unknown) | undefined {
  return registry.get(name);
}

/** The cache key of a memoized figure's call. */
export const figureKey = (name: string, args: unknown[]) => `${name}:${JSON.stringify(args)}`;

/** Whether results read through `db` are cached at all (not inside a transaction, not another reader). */
export const cacheable = (db: unknown) => clientOf(db) !== null;

/** Whether this connection's cache holds the result for these arguments at the data's current state. */
export function isFigureCached(db: unknown, name: string, args: unknown[]): boolean {
  const client = clientOf(db);
  return client ? cacheFor(client).entries.has(figureKey(name, args)) : false;
}

/**
 * `compute`, answered from the cache while the data has not changed. `name`
 * must be unique per figure; the arguments after the database must be plain
 * JSON values (they form the key, and cross to the background thread).
 */
export function memoFigure<D, A extends unknown[], R>(name: string, compute: (db: D, ...args: A) => R): MemoFigure<D, A, R> {
  const figure = (db: D, ...args: A): R => rememberFigure(db, figureKey(name, args), () => compute(db, ...args));
  // Set again, not refused, when a module is evaluated anew (hot reload in development).
  registry.set(name, figure as (db: unknown, ...args: unknown[]) => unknown);
  return Object.assign(figure, { figureName: name });
}
