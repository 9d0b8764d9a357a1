import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, forbidden, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CsvImportErrors } from "~/components/csv-import-errors";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { RISK_CSV_INPUT_HEADERS } from "~/risks/csv-columns";
import { importRisks } from "~/risks/import.server";
import type { CsvError } from "~/utils/csv.server";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { IMPORT_BODY_LIMIT } from "~/utils/request-limits";

export const access = defineAccess({ loader: "update:risk:any", action: "update:risk:any" });

export const meta: MetaFunction = () => [{ title: "Import risks · Rampart" }];

const MAX_BYTES = 2 * 1024 * 1024;

// Importing rewrites the whole register, which is the CISO office's job, not a lead's.
function requireImporter(request: Request, permission: typeof access.loader) {
  const user = requireAccess(request, permission);
  if (!canActOnAny(user, permission)) throw forbidden("Only the CISO office can import the risk register.");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireImporter(request, access.loader);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireImporter(request, access.action);
  const form = await readForm(request, { files: true, maxBytes: IMPORT_BODY_LIMIT, maxValueLength: MAX_BYTES, maxTotalLength: MAX_BYTES + 1000 });
  const file = form.get("file");
  const text = typeof file === "string" ? file : file ? await file.text() : "";
  if (!text.trim()) return Response.json({ errors: [{ line: 0, column: "file", message: "Choose a CSV file to import." }] }, { status: 400 });
  if (text.length > MAX_BYTES) return Response.json({ errors: [{ line: 0, column: null, message: "The file is larger than 2 MB." }] }, { status: 413 });
  const result = importRisks(db, auditContext(user.id, context), text, todayIso());
  if (!result.ok) return Response.json({ errors: result.errors }, { status: 400 });
  const message = `Imported: ${result.created.length} created, ${result.updated.length} updated (${result.rescored.length} re-scored), ${result.unchanged} unchanged.`;
  return redirectWithToast("/risks", { kind: "success", message });
}

export default function ImportRisks() {
  const actionData = useActionData<typeof action>() as { errors?: CsvError[] } | undefined;
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to="/risks">← Risk register</Link>
      </p>
      <h1 className="text-2xl font-semibold">Import the risk register</h1>
      <p className="text-sm text-slate-600">
        A CSV with the columns of the <a href="/risks.csv">export</a>: {RISK_CSV_INPUT_HEADERS.join(", ")}. Rows are matched by code: new codes are created,
        existing ones updated, and a changed current score is recorded as an assessment dated by the optional <code>assessed_on</code> column (today when
        blank), which must fall between the programme's start and today. The whole file is checked first; if any row is wrong, nothing is imported.
      </p>
      <CsvImportErrors errors={actionData?.errors ?? []} />
      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <label className="block text-sm font-medium text-slate-700">
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" className="mt-1 block text-sm" />
        </label>
        <SubmitButton pendingText="Importing…">Import</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
