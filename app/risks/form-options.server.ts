import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { riskMilestones, riskWorkstreams, users } from "#db/schema";
import { milestoneCandidates, milestonesById } from "~/milestones/milestone-picker.server";
import { formDraft, readPicker } from "~/pickers/picker-params";
import { workstreamCandidates, workstreamsById } from "~/workstreams/workstream-picker.server";
import { RISK_LINK_QUERIES } from "./risk-link-queries";

type Read = Pick<Db, "select">;

/** Every field of the risk forms but the two pickers', to refill the form after a Find without JavaScript. */
const DRAFT_FIELDS = [
  "code",
  "title",
  "description",
  "category",
  "ownerId",
  "csfFunction",
  "inherentLikelihood",
  "inherentImpact",
  "currentLikelihood",
  "currentImpact",
  "targetLikelihood",
  "targetImpact",
  "treatment",
  "status",
  "nextReviewDate",
] as const;

/**
 * The choices a risk form offers: people who can own a risk, and pickers
 * for the workstreams and milestones that treat it: the chosen ones (those
 * the URL carries after a Find, else `saved`) and at most a page of
 * candidates for each search, never the whole tables.
 */
export function riskFormOptions(db: Read, url: URL, saved: { workstreamIds: number[]; milestoneIds: number[] } = { workstreamIds: [], milestoneIds: [] }) {
  const ws = readPicker(url, { query: RISK_LINK_QUERIES.workstreams, field: "workstreamIds" });
  const ms = readPicker(url, { query: RISK_LINK_QUERIES.milestones, field: "milestoneIds" });
  // One Find sends the whole form, both pickers included.
  const searched = ws.searched || ms.searched;
  const workstreamIds = searched ? ws.ids : saved.workstreamIds;
  const milestoneIds = searched ? ms.ids : saved.milestoneIds;
  return {
    owners: db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all(),
    workstreams: { query: ws.q, chosen: workstreamsById(db, workstreamIds), candidates: workstreamCandidates(db, { q: ws.q, chosen: workstreamIds }) },
    milestones: { query: ms.q, chosen: milestonesById(db, milestoneIds), candidates: milestoneCandidates(db, { q: ms.q, chosen: milestoneIds }) },
    draft: searched ? formDraft(url, DRAFT_FIELDS) : null,
  };
}
export type RiskFormOptions = ReturnType<typeof riskFormOptions>;

export function riskLinkIds(db: Read, riskId: number) {
  return {
    workstreamIds: db
      .select({ id: riskWorkstreams.workstreamId })
      .from(riskWorkstreams)
      .where(eq(riskWorkstreams.riskId, riskId))
      .all()
      .map((r) => r.id),
    milestoneIds: db
      .select({ id: riskMilestones.milestoneId })
      .from(riskMilestones)
      .where(eq(riskMilestones.riskId, riskId))
      .all()
      .map((r) => r.id),
  };
}
