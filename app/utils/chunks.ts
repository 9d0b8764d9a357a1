/**
 * Bound variables per statement when a query lists ids: far below SQLite's
 * limit (32,766) and PostgreSQL's (65,535), so a list of any length is
 * queried in ceil(n / 500) statements instead of failing with "too many SQL
 * variables" once a programme has tens of thousands of rows.
 */
export const IDS_PER_STATEMENT = 500;

/** Runs `query` on successive slices of `ids` and concatenates the results, in order. */
export function inChunks<Id, Row>(ids: readonly Id[], query: (chunk: Id[]) => Row[], size = IDS_PER_STATEMENT): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...query(ids.slice(i, i + size)));
  return out;
}
