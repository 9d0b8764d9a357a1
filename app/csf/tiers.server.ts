import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/connection";
import { csfCategoryTiers } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { recordVersion } from "~/history/versions.server";
import { csfTierSpec } from "~/measures/history-specs.server";
import { updateVersioned } from "~/utils/concurrency.server";
import { CSF_CATEGORIES, type CsfCategory } from "./categories";

const tier = z.coerce.number().int().min(1, "Tiers run 1–4.").max(4, "Tiers run 1–4.");
export const TierFormSchema = z.object({ category: z.enum(CSF_CATEGORIES), current: tier, target: tier, version: z.coerce.number().int().min(0) });

/** Sets a category's current and target tier against the version the editor saw (0: none recorded yet), as a new version in its history, audited. */
export function saveTier(db: Db, ctx: AuditContext, v: z.infer<typeof TierFormSchema>) {
  db.transaction((tx) => {
    const row = tx.select().from(csfCategoryTiers).where(eq(csfCategoryTiers.category, v.category)).get();
    if (!row) {
      const created = tx
        .insert(csfCategoryTiers)
        .values({ category: v.category as CsfCategory, currentTier: v.current, targetTier: v.target })
        .returning()
        .get();
      recordVersion(tx, csfTierSpec, created.id, created);
    } else updateVersioned(tx, csfCategoryTiers, "CSF tier", row.id, v.version, { currentTier: v.current, targetTier: v.target });
    writeAudit(tx, ctx, {
      action: "csf_tier.update",
      entity: "csf_category",
      entityId: v.category,
      before: row ? { current: row.currentTier, target: row.targetTier } : null,
      after: { current: v.current, target: v.target },
    });
  });
}

export function tierVersions(db: Pick<Db, "select">): Map<string, number> {
  return new Map(
    db
      .select({ category: csfCategoryTiers.category, version: csfCategoryTiers.version })
      .from(csfCategoryTiers)
      .all()
      .map((r) => [r.category, r.version]),
  );
}
