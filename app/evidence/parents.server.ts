import { eq } from "drizzle-orm";
import type { Db } from "#db/connection";
import { boardReports, deliverables, engagements, milestones, obligations, riskAcceptances, risks, workstreams } from "#db/schema";
import type { EvidenceParentKind } from "#db/schema/evidence";
import { type Permission, roleHasPermission, roleHasPermissionOrOwn } from "~/auth/permissions";
import type { CurrentUser } from "~/auth/require.server";
import { visibleStates } from "~/board/visibility";
export { PARENT_LABELS } from "./parent-labels";

/** What evidence is attached to, as its pages name it, with who may read and add to it. */
export type EvidenceParent = {
  kind: EvidenceParentKind;
  id: number;
  /** "OB-08 Phishing-resistant multi-factor authentication" */
  label: string;
  /** The parent's own page, where its evidence section is. */
  href: string;
  /** Who may read the parent, and so its evidence. */
  readable: (user: Pick<CurrentUser, "id" | "role">) => boolean;
  /** Who may add evidence (a new file or a new version). */
  uploadable: (user: Pick<CurrentUser, "id" | "role">) => boolean;
  /** Why nobody may add evidence now (a board report once approved), or null. */
  closedReason: string | null;
};

const has = (permission: Permission) => (user: Pick<CurrentUser, "role">) => roleHasPermission(user.role, permission);
const ownsOr = (permission: Permission, ownerId: number | null) => (user: Pick<CurrentUser, "id" | "role">) =>
  roleHasPermission(user.role, permission) || (ownerId !== null && ownerId === user.id && roleHasPermissionOrOwn(user.role, permission));

type Reader = Pick<Db, "select">;

/**
 * The parent row, or null when there is none. Evidence takes the parent's
 * permissions: reading needs what reading the parent's page needs (a board
 * member reads a published report only), adding needs what changing the
 * parent needs (a workstream lead their own milestones and risks).
 */
export function findEvidenceParent(db: Reader, kind: EvidenceParentKind, id: number): EvidenceParent | null {
  const readProgram = has("read:program");
  switch (kind) {
    case "obligation": {
      const o = db.select({ code: obligations.code, title: obligations.title }).from(obligations).where(eq(obligations.id, id)).get();
      if (!o) return null;
      const upload = has("update:obligation:any");
      return { kind, id, label: `${o.code} ${o.title}`, href: `/obligations/${o.code}`, readable: readProgram, uploadable: upload, closedReason: null };
    }
    case "deliverable": {
      const d = db
        .select({ title: deliverables.title, engagementId: deliverables.engagementId, engagement: engagements.title })
        .from(deliverables)
        .innerJoin(engagements, eq(engagements.id, deliverables.engagementId))
        .where(eq(deliverables.id, id))
        .get();
      if (!d) return null;
      return {
        kind,
        id,
        label: `${d.engagement}: ${d.title}`,
        href: `/engagements/${d.engagementId}`,
        readable: readProgram,
        uploadable: has("update:engagement:any"),
        closedReason: null,
      };
    }
    case "milestone": {
      const m = db
        .select({ code: milestones.code, title: milestones.title, ownerId: workstreams.ownerId })
        .from(milestones)
        .innerJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
        .where(eq(milestones.id, id))
        .get();
      if (!m) return null;
      return {
        kind,
        id,
        label: `${m.code} ${m.title}`,
        href: `/milestones/${id}`,
        readable: readProgram,
        uploadable: ownsOr("update:milestone:any", m.ownerId),
        closedReason: null,
      };
    }
    case "risk_acceptance": {
      const a = db
        .select({ riskCode: risks.code, riskTitle: risks.title, ownerId: risks.ownerId, requestedAt: riskAcceptances.requestedAt })
        .from(riskAcceptances)
        .innerJoin(risks, eq(risks.id, riskAcceptances.riskId))
        .where(eq(riskAcceptances.id, id))
        .get();
      if (!a) return null;
      const requester = ownsOr("request:risk_acceptance:any", a.ownerId);
      return {
        kind,
        id,
        label: `${a.riskCode} acceptance requested ${a.requestedAt.slice(0, 10)}`,
        href: `/risks/${a.riskCode}`,
        readable: readProgram,
        // The signed memo comes from whoever asked or the executive who decided.
        uploadable: (user) => requester(user) || roleHasPermission(user.role, "approve:risk_acceptance"),
        closedReason: null,
      };
    }
    case "board_report": {
      const r = db.select({ quarter: boardReports.quarter, state: boardReports.state }).from(boardReports).where(eq(boardReports.id, id)).get();
      if (!r) return null;
      // Appendices belong to the content the executive approves: once approved it is frozen, as are they.
      const open = r.state === "draft" || r.state === "in_review";
      return {
        kind,
        id,
        label: `Board report ${r.quarter}`,
        href: `/board/${r.quarter}`,
        readable: (user) => visibleStates(user.role).includes(r.state),
        uploadable: has("update:board_report"),
        closedReason: open ? null : "The report is approved: its appendices are frozen with it.",
      };
    }
  }
}
