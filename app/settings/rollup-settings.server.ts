import type { z } from "zod";
import type { Db } from "#db/connection";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import type { RollupSettingsFormSchema } from "./rollup-settings";
import type { RagThresholds } from "./schemas";
import { getSetting, saveSetting } from "./settings.server";

/**
 * Saves the RAG thresholds against the version the editor saw, audited. The
 * CSF 2.0 tiers are kept per category on /csf (app/csf/tiers.server.ts); the
 * old function-level `csf_tiers` document is no longer written, and its
 * history rows stay as they were.
 */
export function saveRollupSettings(db: Db, ctx: AuditContext, v: z.output<typeof RollupSettingsFormSchema>) {
  const thresholds: RagThresholds = {
    scheduleAmberSlipDays: v.scheduleAmberSlipDays,
    scheduleRedSlipDays: v.scheduleRedSlipDays,
    costAmberVariancePct: v.costAmberVariancePct,
    costRedVariancePct: v.costRedVariancePct,
    staleReportDays: v.staleReportDays,
    outcomeRedPeriods: v.outcomeRedPeriods,
    outcomeMissingGraceDays: v.outcomeMissingGraceDays,
  };
  db.transaction((tx) => {
    const before = getSetting(tx, "rag_thresholds");
    saveSetting(tx, "rag_thresholds", thresholds, v.thresholdsVersion);
    writeAudit(tx, ctx, { action: "settings.update", entity: "settings", entityId: "rag_thresholds", before, after: thresholds });
  });
}
