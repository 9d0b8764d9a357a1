import type { LoaderFunctionArgs } from "@remix-run/node";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { db } from "~/db.server";
import { evidenceRegister } from "~/evidence/evidence.server";
import { parseRegisterQuery } from "~/evidence/register-filters";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "export:data" });

type Row = ReturnType<typeof evidenceRegister>["rows"][number];
// Read in pages so a large register never becomes one unbounded query.
const CHUNK = 1000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { filters } = parseRegisterQuery(new URL(request.url).searchParams);
  const asOf = todayIso();
  const rows: Row[] = [];
  for (let offset = 0; ; offset += CHUNK) {
    const page = evidenceRegister(db, filters, asOf, { offset, limit: CHUNK }).rows;
    rows.push(...page);
    if (page.length < CHUNK) break;
  }
  const csv = toCsv<Row>(
    [
      { header: "id", value: (e) => e.id },
      { header: "title", value: (e) => e.title },
      { header: "attached_to_kind", value: (e) => e.parentKind },
      { header: "attached_to", value: (e) => e.parentLabel },
      { header: "evidence_date", value: (e) => e.evidenceDate },
      { header: "expires_on", value: (e) => e.expiresOn },
      { header: "state", value: (e) => e.currency },
      { header: "file_name", value: (e) => e.fileName },
      { header: "file_type", value: (e) => e.fileType },
      { header: "size_bytes", value: (e) => e.sizeBytes },
      { header: "sha256", value: (e) => e.sha256 },
      { header: "previous_version_id", value: (e) => e.previousId },
      { header: "uploaded_by", value: (e) => e.uploaderName },
      { header: "uploaded_at", value: (e) => e.uploadedAt },
    ],
    rows,
  );
  db.transaction((tx) =>
    writeAudit(tx, auditContext(user.id, context), { action: "evidence.export", entity: "evidence", after: { rows: rows.length, filters, asOf } }),
  );
  return csvResponse(`evidence-${asOf}.csv`, csv);
}
