import { z } from "zod";
import { SearchSchema } from "~/lists/list-params";
import { CSF_FUNCTIONS, RISK_LEVELS, RISK_STATUSES } from "#db/schema/enums";

const step = z.coerce.number().int().min(1).max(5).optional().catch(undefined);
const flag = z.literal("1").optional().catch(undefined);

/**
 * The register's filters as they appear in the URL. A value that does not
 * parse is dropped rather than refused: a shared link with a stale or mistyped
 * filter still opens the register, just less filtered.
 */
export const RiskFiltersSchema = z.object({
  level: z.enum(RISK_LEVELS).optional().catch(undefined),
  above: flag,
  owner: z.coerce.number().int().positive().optional().catch(undefined),
  ws: z
    .string()
    .trim()
    .regex(/^[\w-]{1,32}$/)
    .optional()
    .catch(undefined),
  overdue: flag,
  status: z.enum(RISK_STATUSES).optional().catch(undefined),
  csf: z.enum(CSF_FUNCTIONS).optional().catch(undefined),
  expired: flag,
  // Heat-map cells: current (cl × ci) and inherent (il × ii) likelihood and impact.
  cl: step,
  ci: step,
  il: step,
  ii: step,
  // The register's search (app/lists); a filter like the others so heat maps, list and CSV agree.
  q: SearchSchema.optional().catch(undefined),
});
export type RiskFilters = z.infer<typeof RiskFiltersSchema>;
export const FILTER_KEYS = Object.keys(RiskFiltersSchema.shape) as Array<keyof RiskFilters>;

export function parseRiskFilters(search: URLSearchParams): RiskFilters {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return RiskFiltersSchema.parse(raw);
}

/** The query string for these filters with some replaced or removed (undefined), keys in a stable order. */
export function filtersToSearch(filters: RiskFilters, changes: Partial<Record<keyof RiskFilters, string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...filters, ...changes };
  for (const key of FILTER_KEYS) {
    const value = merged[key];
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
