import type { Db } from "#db/connection";
import { type ApiPaging, pageOf } from "~/api/paging.server";
import { countByIdWindows, firstBatch, idWindowBatches } from "~/exports/id-windows.server";
import { countRegisterWindow, riskIdRange, type RiskFigureScope, riskRegisterWindow } from "~/figures/risks.server";

/**
 * One page of the register for the API, in id order after the cursor, and
 * the total of the filtered register. Both are read by windows of risk ids
 * (app/exports/id-windows.server.ts): the as-of columns of every risk in
 * one statement took over a second at 100× the demo, holding every other
 * request (issue 12).
 */
export async function riskApiPage(db: Pick<Db, "select" | "all">, scope: RiskFigureScope, paging: ApiPaging, signal?: AbortSignal) {
  const ids = riskIdRange(db);
  const found = await firstBatch(
    idWindowBatches(
      { low: Math.max(ids.low, (paging.after ?? 0) + 1), high: ids.high },
      "asc",
      (window, limit) => riskRegisterWindow(db, scope, window, { by: "id", limit }),
      paging.limit + 1,
    ),
  );
  const total = await countByIdWindows(ids, (window) => countRegisterWindow(db, scope, window), signal);
  return { ...pageOf(found, paging), total };
}
