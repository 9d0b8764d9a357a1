import type { Rag } from "#db/schema/enums";
import { ragRank } from "~/rollups/rag";
import type { DashboardData } from "./dashboard.server";

/** Rows per dashboard panel; each panel with more links to its full list (the exports carry every row). */
export const DASHBOARD_TOP = { workstreams: 25, reasons: 25, expiredAcceptances: 10, obligations: 25 } as const;

/** The `limit` rows most in need of attention (reddest first, ties in their given order), kept in their given order. */
function worstFirst<T>(rows: T[], rag: (row: T) => Rag, limit: number): T[] {
  if (rows.length <= limit) return rows;
  const keep = new Set(
    rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => ragRank(rag(b.row)) - ragRank(rag(a.row)) || a.index - b.index)
      .slice(0, limit)
      .map((x) => x.row),
  );
  return rows.filter((row) => keep.has(row));
}

/**
 * What the dashboard page sends the browser: the figures, and for each
 * list panel the first rows it renders with the total, so a programme of a
 * thousand workstreams ships the 25 that need attention and a "see all"
 * link, not its whole rollup. The figures are computed over everything
 * (loadDashboard) before anything is cut.
 */
export function dashboardPage(d: DashboardData) {
  const workstreams = worstFirst(d.status.workstreams, (w) => w.overall.rag, DASHBOARD_TOP.workstreams);
  const shown = new Set(workstreams.map((w) => String(w.id)));
  return {
    ...d,
    status: {
      ...d.status,
      overall: { ...d.status.overall, reasons: worstFirst(d.status.overall.reasons, (r) => r.rag, DASHBOARD_TOP.reasons) },
      workstreams,
    },
    milestonesByWorkstream: Object.fromEntries(Object.entries(d.milestonesByWorkstream).filter(([id]) => shown.has(id))),
    risks: { ...d.risks, expiredAcceptances: d.risks.expiredAcceptances.slice(0, DASHBOARD_TOP.expiredAcceptances) },
    obligations: d.obligations.slice(0, DASHBOARD_TOP.obligations),
    totals: {
      workstreams: d.status.workstreams.length,
      reasons: d.status.overall.reasons.length,
      expiredAcceptances: d.risks.expiredAcceptances.length,
      obligations: d.obligations.length,
    },
  };
}
