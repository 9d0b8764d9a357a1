import type { Db } from "#db/connection";
import { CSF_FUNCTIONS } from "#db/schema/enums";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import type { CsfTiers, RagThresholds } from "./schemas";
import { getSetting, saveSetting } from "./settings.server";

type Posted = Record<string, number>;

/** Saves the RAG thresholds and CSF tiers together, against the versions the editor saw, audited. */
export function saveRollupSettings(db: Db, ctx: AuditContext, v: Posted) {
  const thresholds: RagThresholds = {
    scheduleAmberSlipDays: v.scheduleAmberSlipDays!,
    scheduleRedSlipDays: v.scheduleRedSlipDays!,
    costAmberVariancePct: v.costAmberVariancePct!,
    costRedVariancePct: v.costRedVariancePct!,
    staleReportDays: v.staleReportDays!,
    outcomeRedPeriods: v.outcomeRedPeriods!,
    outcomeMissingGraceDays: v.outcomeMissingGraceDays!,
  };
  const tiers = Object.fromEntries(CSF_FUNCTIONS.map((fn) => [fn, { current: v[`${fn}Current`]!, target: v[`${fn}Target`]! }])) as CsfTiers;
  db.transaction((tx) => {
    const before = { rag_thresholds: getSetting(tx, "rag_thresholds"), csf_tiers: getSetting(tx, "csf_tiers") };
    saveSetting(tx, "rag_thresholds", thresholds, v.thresholdsVersion!);
    saveSetting(tx, "csf_tiers", tiers, v.tiersVersion!);
    writeAudit(tx, ctx, {
      action: "settings.update",
      entity: "settings",
      entityId: "rag_thresholds,csf_tiers",
      before,
      after: { rag_thresholds: thresholds, csf_tiers: tiers },
    });
  });
}
