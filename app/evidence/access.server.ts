import type { Db } from "#db/connection";
import type { CurrentUser } from "~/auth/require.server";
import { type EvidenceRow, findEvidence, successorOf } from "./evidence.server";
import { type EvidenceParent, findEvidenceParent } from "./parents.server";
import type { UploadTarget } from "./schemas";

type Reader = Pick<Db, "select">;

// Evidence the user may not read answers 404 like missing evidence, so a board member cannot learn what exists.
export function evidenceNotFound(): Response {
  return new Response("No such evidence.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The evidence row and its parent, when the user may read the parent; otherwise a thrown 404. */
export function requireReadableEvidence(db: Reader, user: CurrentUser, id: number) {
  const row = Number.isSafeInteger(id) && id > 0 ? findEvidence(db, id) : null;
  const parent = row ? findEvidenceParent(db, row.parentKind, row.parentId) : null;
  if (!row || !parent || !parent.readable(user)) throw evidenceNotFound();
  return { row, parent };
}

/**
 * Where an upload goes, when the user may add evidence there: the parent (404
 * when absent or unreadable, 403 when readable but not theirs to change, 409
 * when closed) and the version it replaces, if any (409 when already replaced).
 */
export function requireUploadTarget(db: Reader, user: CurrentUser, target: UploadTarget): { parent: EvidenceParent; previous: EvidenceRow | null } {
  let previous: EvidenceRow | null = null;
  let parent: EvidenceParent | null;
  if ("previous" in target) {
    previous = findEvidence(db, target.previous);
    parent = previous ? findEvidenceParent(db, previous.parentKind, previous.parentId) : null;
  } else {
    parent = findEvidenceParent(db, target.parent, target.id);
  }
  if (!parent || !parent.readable(user)) throw evidenceNotFound();
  if (!parent.uploadable(user)) throw new Response("You may read this evidence but not add to it.", { status: 403 });
  if (parent.closedReason) throw new Response(parent.closedReason, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (previous && successorOf(db, previous.id)) {
    throw new Response("This evidence has already been replaced by a newer version: add your file to the newest one.", { status: 409 });
  }
  return { parent, previous };
}
