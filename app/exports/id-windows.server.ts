import { sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "#db/connection";
import { EXPORT_BATCH_SIZE, yieldToEventLoop } from "./batches.server";

/** Ids from `low` to `high`, both included. */
export type IdRange = { low: number; high: number };

/**
 * The smallest and largest id of a table ({ low: 1, high: 0 } when empty).
 * Two scalar subqueries: SQLite answers a lone min() or max() from the end of
 * the index, but min and max in one select scan the table (0.1 s over a
 * million audit events).
 */
export function idRangeOf(db: Pick<Db, "select">, table: SQLiteTable, id: SQLiteColumn): IdRange {
  const found = db
    .select({ low: sql<number>`(select min(${id}) from ${table})`, high: sql<number>`(select max(${id}) from ${table})` })
    .from(table)
    .limit(1)
    .get();
  return found ? { low: Number(found.low), high: Number(found.high) } : { low: 1, high: 0 };
}

/**
 * Keyset batches bound the rows a step returns, not the rows it reads: with
 * a filter that few rows match (an audit search), one `limit 1000` query
 * walked the whole million-row table before returning and held the event
 * loop for seconds (issue 12). Reading by windows of ids bounds both; the
 * window widens while windows are cheap and narrows when one is slow, so a
 * step stays near the target whatever the filter.
 */
const TARGET_MS = 20;
const FIRST_SPAN = 1024;
const MIN_SPAN = 64;
const MAX_SPAN = 1 << 20;

function nextSpan(span: number, elapsedMs: number): number {
  if (elapsedMs > 2 * TARGET_MS) return Math.max(MIN_SPAN, Math.floor(span / 2));
  if (elapsedMs < TARGET_MS / 2) return Math.min(MAX_SPAN, span * 2);
  return span;
}

/**
 * Rows of `range` in id order (`desc`: newest first), at most `size` a
 * batch. `read(window, limit)` returns the matching rows of the window in
 * that order, at most `limit`; a full answer continues the same window
 * after its last row. The event loop runs after every window.
 */
export async function* idWindowBatches<Row extends { id: number }>(
  range: IdRange,
  direction: "asc" | "desc",
  read: (window: IdRange, limit: number) => Row[],
  size = EXPORT_BATCH_SIZE,
): AsyncGenerator<Row[]> {
  let span = FIRST_SPAN;
  let next = direction === "desc" ? range.high : range.low;
  let pending: Row[] = [];
  while (direction === "desc" ? next >= range.low : next <= range.high) {
    const window =
      direction === "desc" ? { low: Math.max(range.low, next - span + 1), high: next } : { low: next, high: Math.min(range.high, next + span - 1) };
    const limit = size - pending.length;
    const started = performance.now();
    const rows = read(window, limit);
    span = nextSpan(span, performance.now() - started);
    pending = pending.concat(rows);
    const last = rows.at(-1);
    if (rows.length === limit && last) next = direction === "desc" ? last.id - 1 : last.id + 1;
    else next = direction === "desc" ? window.low - 1 : window.high + 1;
    // After every window, not only between batches: a consumer collecting batches (the risks export's sort keys) does not yield itself.
    await yieldToEventLoop();
    if (pending.length >= size) {
      yield pending;
      pending = [];
    }
  }
  if (pending.length) yield pending;
}

/** The sum of `count(window)` over `range`, a window at a time, letting other requests run between windows. */
export async function countByIdWindows(range: IdRange, count: (window: IdRange) => number, signal?: AbortSignal): Promise<number> {
  let span = FIRST_SPAN;
  let total = 0;
  for (let low = range.low; low <= range.high;) {
    if (signal?.aborted) throw signal.reason;
    const window = { low, high: Math.min(range.high, low + span - 1) };
    const started = performance.now();
    total += count(window);
    span = nextSpan(span, performance.now() - started);
    low = window.high + 1;
    await yieldToEventLoop();
  }
  return total;
}

/** The first batch of `batches` (empty when there is none); the rest is never read. */
export async function firstBatch<Row>(batches: AsyncGenerator<Row[]>): Promise<Row[]> {
  for await (const rows of batches) return rows;
  return [];
}
