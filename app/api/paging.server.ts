import { z } from "zod";
import { apiBadRequest } from "./respond.server";

/**
 * Paging of the API's lists: at 100× the demo a whole list was 60,000
 * milestones built in one step (seconds, with every other request waiting;
 * issue 12). A page is read by keyset on the row id, a stable order that
 * new or edited rows never reshuffle, so a client walking `nextCursor` sees
 * every row that existed throughout exactly once, and each page costs the
 * same whatever its depth.
 */
export const API_PAGE_DEFAULT = 100;
export const API_PAGE_MAX = 500;

const CURSOR_PREFIX = "id:";

const LimitSchema = z.coerce
  .number({ error: "limit must be a whole number." })
  .int("limit must be a whole number.")
  .min(1, "limit must be at least 1.")
  .max(API_PAGE_MAX, `limit must be at most ${API_PAGE_MAX}.`);

// Opaque to clients (the id inside may become a composite key later), so a cursor is only ever one this API returned.
const CursorSchema = z
  .string()
  .max(64, "cursor is too long.")
  .regex(/^[A-Za-z0-9_-]+$/, "cursor is not one this API returned.")
  .transform((raw, ctx) => {
    const match = /^id:([1-9]\d{0,14})$/.exec(Buffer.from(raw, "base64url").toString("utf8"));
    if (!match) {
      ctx.addIssue({ code: "custom", message: "cursor is not one this API returned." });
      return z.NEVER;
    }
    return Number(match[1]);
  });

export type ApiPaging = { limit: number; after: number | undefined };

export function encodeCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, "utf8").toString("base64url");
}

/** `?limit=` (1–500, default 100) and `?cursor=` (from a previous page's `nextCursor`); a bad value is a 400 naming it. */
export function parsePaging(url: URL): ApiPaging {
  const rawLimit = url.searchParams.get("limit");
  const rawCursor = url.searchParams.get("cursor");
  const limit = rawLimit === null || rawLimit === "" ? { success: true as const, data: API_PAGE_DEFAULT } : LimitSchema.safeParse(rawLimit);
  if (!limit.success) throw apiBadRequest(limit.error.issues[0]?.message ?? "Invalid limit.");
  if (rawCursor === null || rawCursor === "") return { limit: limit.data, after: undefined };
  const cursor = CursorSchema.safeParse(rawCursor);
  if (!cursor.success) throw apiBadRequest(`${cursor.error.issues[0]?.message ?? "Invalid cursor."} Start again without it.`);
  return { limit: limit.data, after: cursor.data };
}

/**
 * The page from `limit + 1` rows read after the cursor: the extra row only
 * says that another page exists, and is not returned.
 */
export function pageOf<Row extends { id: number }>(rows: Row[], paging: ApiPaging): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, paging.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > paging.limit && last ? encodeCursor(last.id) : null };
}
