import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/connection";
import { riskCsfCategories, riskCsfCategoryHistory, workstreamCsfCategories, workstreamCsfCategoryHistory } from "#db/schema";
import { type LinkHistorySpec, recordLinkSet } from "~/history/link-history.server";
import type { CsfCategory } from "./categories";

type Writer = Pick<Tx | Db, "select" | "insert" | "update" | "delete">;

const workstreamLinks: LinkHistorySpec = {
  table: workstreamCsfCategoryHistory,
  owner: workstreamCsfCategoryHistory.workstreamId,
  target: workstreamCsfCategoryHistory.category,
  ownerKey: "workstreamId",
  targetKey: "category",
};

const riskLinks: LinkHistorySpec = {
  table: riskCsfCategoryHistory,
  owner: riskCsfCategoryHistory.riskId,
  target: riskCsfCategoryHistory.category,
  ownerKey: "riskId",
  targetKey: "category",
};

/**
 * Sets the CSF 2.0 categories a workstream's work addresses, from `at` (now
 * by default; the demo seed passes its in-story instant). The live mapping is
 * replaced and its history records the change, so /csf as of an earlier day
 * still shows the old mapping (docs/decisions/011).
 */
export function setWorkstreamCsfCategories(tx: Writer, workstreamId: number, categories: readonly CsfCategory[], at?: string) {
  const unique = [...new Set(categories)];
  tx.delete(workstreamCsfCategories).where(eq(workstreamCsfCategories.workstreamId, workstreamId)).run();
  if (unique.length)
    tx.insert(workstreamCsfCategories)
      .values(unique.map((category) => ({ workstreamId, category })))
      .run();
  recordLinkSet(tx, workstreamLinks, workstreamId, unique, at);
}

/** Sets the CSF 2.0 categories a risk threatens, from `at`, keeping the old mapping in its history. */
export function setRiskCsfCategories(tx: Writer, riskId: number, categories: readonly CsfCategory[], at?: string) {
  const unique = [...new Set(categories)];
  tx.delete(riskCsfCategories).where(eq(riskCsfCategories.riskId, riskId)).run();
  if (unique.length)
    tx.insert(riskCsfCategories)
      .values(unique.map((category) => ({ riskId, category })))
      .run();
  recordLinkSet(tx, riskLinks, riskId, unique, at);
}
