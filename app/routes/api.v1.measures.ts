import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, parseAsOf } from "~/api/respond.server";
import { defineAccess } from "~/auth/access";
import { requireApiAccess } from "~/auth/api-access.server";
import { db } from "~/db.server";
import { measureFigures } from "~/figures/measures.server";
import { MeasureListQuerySchema } from "~/measures/schemas";

export const access = defineAccess({ loader: "read:program", api: true, scope: "measures" });

/**
 * Outcome measures as of `asOf` (docs/figures.md#measures): each definition
 * in force then, its glide-path points, the values known then with their
 * target and status per period, and its findings. Filters as on /measures.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireApiAccess(request, context, access);
  const asOf = parseAsOf(request);
  const q = MeasureListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filters = { kind: q.kind, csf: q.csf, status: q.status, workstream: q.ws, q: q.q };
  const measures = measureFigures(db, asOf, filters).map((m) => ({
    key: m.key,
    name: m.name,
    definition: m.definition,
    kind: m.kind,
    unit: m.unit,
    direction: m.direction,
    cadence: m.cadence,
    csfCategory: m.csfCategory,
    owner: m.ownerName,
    amberTolerance: m.amberTolerance,
    redTolerance: m.redTolerance,
    appetite: m.appetite,
    boardKey: m.boardKey,
    workstreams: m.workstreams.map((w) => w.code),
    obligations: m.obligations.map((o) => o.code),
    targets: m.targets,
    values: m.series.map((p) => ({ ...p, sourceNote: m.sources.get(p.period)?.sourceNote ?? null })),
    status: m.status,
    latest: m.latest,
    missingPeriod: m.missingPeriod,
    quarterChange: m.quarterChange,
  }));
  return apiJson({ asOf, scale: { percent: 100, days: 100, count: 1, money: 100 }, filters, count: measures.length, measures });
}
