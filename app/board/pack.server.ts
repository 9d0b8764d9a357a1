import { quarterDeltas } from "./deltas";
import { renderBoardPack } from "./pdf.server";
import { type BoardReport, previousPublished, reportFigures } from "./reports.server";
import type { SnapshotDb } from "./snapshot.server";

/** The PDF board pack of a report, from its frozen snapshot (live figures for a draft); the route and board:verify both use it. */
export function boardPack(db: SnapshotDb, report: BoardReport, today: string): Promise<Buffer> {
  const { snapshot, verified } = reportFigures(db, report, today);
  const previous = previousPublished(db, report.quarter);
  return renderBoardPack({
    report,
    snapshot,
    verified,
    deltas: quarterDeltas(snapshot, previous),
    previousByLevel: previous?.snapshot.risks?.byLevel ?? null,
  });
}
