import type { Db } from "#db/connection";
import type { EvidenceParentKind } from "#db/schema/evidence";
import type { CurrentUser } from "~/auth/require.server";
import { evidenceOf } from "./evidence.server";
import { findEvidenceParent } from "./parents.server";
import { uploadHref } from "./schemas";
import { evidenceMaxBytes } from "./storage/index.server";

/** What a parent page's evidence section shows: its live evidence as of the day, and where to upload when the user may. */
export function evidenceSection(db: Pick<Db, "select">, user: Pick<CurrentUser, "id" | "role">, kind: EvidenceParentKind, id: number, asOf: string) {
  const parent = findEvidenceParent(db, kind, id);
  const mayUpload = Boolean(parent && !parent.closedReason && parent.uploadable(user));
  return {
    items: evidenceOf(db, kind, id, asOf),
    uploadAction: mayUpload ? uploadHref({ parent: kind, id }) : null,
    closedReason: parent?.closedReason ?? null,
    maxMb: Math.round(evidenceMaxBytes() / 1024 / 1024),
    today: asOf,
  };
}
export type EvidenceSectionData = ReturnType<typeof evidenceSection>;
