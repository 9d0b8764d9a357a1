import { z } from "zod";
import { OBLIGATION_KINDS, OBLIGATION_SOURCES, OBLIGATION_STATUSES } from "#db/schema/enums";
import type { ObligationFilters } from "~/figures/obligations.server";

const FIELDS = { source: z.enum(OBLIGATION_SOURCES), kind: z.enum(OBLIGATION_KINDS), status: z.enum(OBLIGATION_STATUSES) } as const;

/** /obligations?source=&kind=&status=: each value validated alone; invalid ones are dropped and reported. */
export function parseObligationFilters(params: URLSearchParams): { filters: ObligationFilters; ignored: string[] } {
  const filters: Record<string, string> = {};
  const ignored: string[] = [];
  for (const [name, schema] of Object.entries(FIELDS)) {
    const raw = params.get(name);
    if (!raw) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) filters[name] = parsed.data;
    else ignored.push(name);
  }
  return { filters: filters as ObligationFilters, ignored };
}
