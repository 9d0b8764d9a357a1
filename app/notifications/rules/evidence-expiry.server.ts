import { and, isNotNull, lte } from "drizzle-orm";
import { evidence } from "#db/schema";
import { findEvidenceParent } from "~/evidence/parents.server";
import { liveEvidenceWhere } from "~/figures/obligations-evidence.server";
import { asOfInstant } from "~/history/as-of.server";
import { addDays } from "~/money/fiscal";
import { audienceOf, usersWithRoles } from "../audience.server";
import type { NotificationRule, RuleItem } from "../rule";

/**
 * Evidence that must be renewed (an annual assessment, a certificate): its
 * live version expires within `days`, then has expired without a newer
 * version. Whoever uploaded it and the CISO office are told; the link leads
 * to the row it evidences, where a new version is uploaded.
 */
export const evidenceExpiryRule: NotificationRule = {
  key: "evidence_expiry",
  label: "Evidence about to expire, then expired",
  daysLabel: "Remind this many days before the evidence expires",
  defaults: { enabled: true, days: 30, repeatDays: 14 },
  visibleWith: "read:program",
  evaluate({ db, today, setting }) {
    const rows = db
      .select({
        id: evidence.id,
        title: evidence.title,
        expiresOn: evidence.expiresOn,
        kind: evidence.parentKind,
        parentId: evidence.parentId,
        by: evidence.uploadedById,
      })
      .from(evidence)
      .where(and(liveEvidenceWhere(asOfInstant(db, today)), isNotNull(evidence.expiresOn), lte(evidence.expiresOn, addDays(today, setting.days))))
      .all();
    if (!rows.length) return [];
    const ciso = usersWithRoles(db, ["ciso_office"]);
    return rows.map((r): RuleItem => {
      const expired = r.expiresOn! < today;
      const parent = findEvidenceParent(db, r.kind, r.parentId);
      return {
        subjectKey: `evidence:${r.id}`,
        title: expired
          ? `Evidence "${r.title}"${parent ? ` for ${parent.label}` : ""} expired on ${r.expiresOn}`
          : `Evidence "${r.title}"${parent ? ` for ${parent.label}` : ""} expires on ${r.expiresOn}`,
        link: parent?.href ?? `/evidence/${r.id}`,
        dueDate: r.expiresOn,
        urgency: expired ? "overdue" : "due",
        audience: audienceOf([r.by], ciso),
      };
    });
  },
};
