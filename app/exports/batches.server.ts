/**
 * Exports are read and written in batches so that no single step holds the
 * event loop: at 100× the demo a whole table took seconds to build and froze
 * every other request (issue 12). A batch of 1,000 rows encodes in a few
 * milliseconds; the event loop runs other requests between batches.
 */
export const EXPORT_BATCH_SIZE = 1000;

/** Rows handed over a batch at a time, synchronously or not. */
export type Batches<Row> = Iterable<Row[]> | AsyncIterable<Row[]>;

/** Lets queued I/O and other requests run before the next batch. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An in-memory list cut into batches, for the small exports (a dashboard table, a few hundred workstreams). */
export function* inBatches<Row>(rows: readonly Row[], size = EXPORT_BATCH_SIZE): Generator<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Batches read by keyset: `page(after)` returns the rows following the last
 * row of the previous page (undefined for the first), at most `size`. Each
 * page is its own short query, so no statement stays open across the pauses
 * between batches (better-sqlite3 would refuse other queries on the
 * connection while an iterator is open).
 */
export async function* keysetBatches<Row>(page: (after: Row | undefined, size: number) => Row[], size = EXPORT_BATCH_SIZE): AsyncGenerator<Row[]> {
  let after: Row | undefined;
  for (;;) {
    const rows = page(after, size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = rows.at(-1);
  }
}

/** Runs `each` on every batch, yielding to the event loop between batches and stopping once `signal` aborts (the client went away). */
export async function forEachBatch<Row>(batches: Batches<Row>, signal: AbortSignal | undefined, each: (rows: Row[]) => void | Promise<void>): Promise<boolean> {
  for await (const rows of batches) {
    if (signal?.aborted) return false;
    await each(rows);
    await yieldToEventLoop();
  }
  return !signal?.aborted;
}
