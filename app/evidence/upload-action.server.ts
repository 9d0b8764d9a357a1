import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { CurrentUser } from "~/auth/require.server";
import { auditContext } from "~/auth/request-info.server";
import { db } from "~/db.server";
import { redirectWithToast } from "~/utils/toast.server";
import { requireUploadTarget } from "./access.server";
import type { EvidenceFormErrors } from "./evidence-form";
import { EvidenceSupersededError, isFileReferenced, recordEvidence } from "./evidence.server";
import { EVIDENCE_FIELD_NAMES, EvidenceFieldsSchema, type UploadTarget } from "./schemas";
import { evidenceMaxBytes, evidenceStorage } from "./storage/index.server";
import { readEvidenceUpload } from "./upload.server";

/**
 * The upload action: checks the target before reading a byte, streams the
 * file into storage, validates the fields, then records the row and its audit
 * event. Whatever fails after the file was kept removes it again (unless
 * another row holds the same bytes), so a refused upload leaves nothing.
 */
export async function handleEvidenceUpload(request: Request, context: AppLoadContext | undefined, user: CurrentUser, target: UploadTarget) {
  const { parent, previous } = requireUploadTarget(db, user, target);
  const storage = evidenceStorage();
  const upload = await readEvidenceUpload(request, storage, evidenceMaxBytes());
  const values = Object.fromEntries(EVIDENCE_FIELD_NAMES.map((k) => [k, (upload.fields[k] ?? "").slice(0, 4000)]));
  const parsed = EvidenceFieldsSchema.safeParse(upload.fields);
  const errors: EvidenceFormErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "title") as keyof EvidenceFormErrors;
      (errors[key] ??= []).push(issue.message);
    }
  }
  if (!upload.file) errors.file = [upload.refused ?? "Choose a file to upload."];
  const discard = async () => {
    if (upload.file && !isFileReferenced(db, upload.file.sha256)) await storage.remove(upload.file.sha256);
  };
  if (!parsed.success || !upload.file) {
    await discard();
    return data({ errors, values }, { status: 400 });
  }
  let row;
  try {
    row = recordEvidence(
      db,
      { ...auditContext(user.id, context), actorId: user.id },
      {
        parentKind: parent.kind,
        parentId: parent.id,
        previousId: previous?.id ?? null,
        fields: parsed.data,
        file: upload.file,
      },
    );
  } catch (error) {
    await discard();
    if (error instanceof EvidenceSupersededError) return data({ errors: { file: [error.message] } as EvidenceFormErrors, values }, { status: 409 });
    throw error;
  }
  return redirectWithToast(previous ? `/evidence/${row.id}` : parent.href, {
    kind: "success",
    message: `Evidence "${row.title}" added (SHA-256 ${row.sha256.slice(0, 16)}…).`,
  });
}
