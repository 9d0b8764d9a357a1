import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "#db/connection";
import { riskCsfCategories, riskCsfCategoryHistory, workstreamCsfCategories, workstreamCsfCategoryHistory, workstreams } from "#db/schema";
import { type AuditContext, writeAudit } from "~/audit/log.server";
import { type LinkHistorySpec, recordLinkSet } from "~/history/link-history.server";
import { VersionConflictError } from "~/utils/concurrency.server";
import { fieldError } from "~/utils/field-errors";
import { CSF_CATEGORIES, type CsfCategory } from "./categories";

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

/** The form on /csf that sets which workstreams work on a category; `seen` is the mapping the editor saw (codes, comma-separated). */
export const CategoryWorkstreamsFormSchema = z.object({
  category: z.enum(CSF_CATEGORIES, { error: "Choose a CSF 2.0 category." }),
  workstreams: z.array(z.string().trim().max(20)).max(200).default([]),
  seen: z.string().max(4000).default(""),
});

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Every workstream with the categories it is mapped to now (live mapping), for the edit forms of /csf. */
export function workstreamMappings(db: Pick<Db, "select">) {
  const rows = db
    .select({ id: workstreams.id, code: workstreams.code, name: workstreams.name, category: workstreamCsfCategories.category })
    .from(workstreams)
    .leftJoin(workstreamCsfCategories, eq(workstreamCsfCategories.workstreamId, workstreams.id))
    .orderBy(asc(workstreams.code))
    .all();
  const byCode = new Map<string, { code: string; name: string; categories: CsfCategory[] }>();
  for (const r of rows) {
    const w = byCode.get(r.code) ?? { code: r.code, name: r.name, categories: [] };
    if (r.category) w.categories.push(r.category);
    byCode.set(r.code, w);
  }
  return [...byCode.values()];
}

/**
 * Sets the workstreams mapped to one category, against the mapping the
 * editor saw (the link tables carry no version: a mapping changed since is
 * refused with VersionConflictError). Each workstream gaining or losing the
 * category gets its new set through setWorkstreamCsfCategories, so the
 * history records the change; audited as one event.
 */
export function mapCategoryWorkstreams(db: Db, ctx: AuditContext, v: z.infer<typeof CategoryWorkstreamsFormSchema>) {
  db.transaction((tx) => {
    const all = workstreamMappings(tx);
    const before = all.filter((w) => w.categories.includes(v.category)).map((w) => w.code);
    const seen = v.seen.split(",").filter(Boolean);
    if (!sameSet(before, seen)) throw new VersionConflictError("CSF mapping", { category: v.category, workstreams: before });
    const wanted = [...new Set(v.workstreams)];
    const unknown = wanted.filter((c) => !all.some((w) => w.code === c));
    if (unknown.length) throw fieldError("workstreams", `Unknown workstream: ${unknown.join(", ")}.`);
    const ids = new Map(
      tx
        .select({ id: workstreams.id, code: workstreams.code })
        .from(workstreams)
        .all()
        .map((w) => [w.code, w.id]),
    );
    for (const w of all) {
      const had = w.categories.includes(v.category);
      const has = wanted.includes(w.code);
      if (had === has) continue;
      const categories = has ? [...w.categories, v.category] : w.categories.filter((c) => c !== v.category);
      setWorkstreamCsfCategories(tx, ids.get(w.code)!, categories);
    }
    writeAudit(tx, ctx, {
      action: "csf_mapping.update",
      entity: "csf_category",
      entityId: v.category,
      before: { workstreams: before },
      after: { workstreams: wanted },
    });
  });
}
