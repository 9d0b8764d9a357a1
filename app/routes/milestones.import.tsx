import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CsvImportErrors } from "~/components/csv-import-errors";
import { SubmitButton } from "~/components/forms/submit-button";
import { importMilestones } from "~/milestones/milestone-csv.server";
import { db } from "~/db.server";
import type { CsvError } from "~/utils/csv.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { IMPORT_BODY_LIMIT } from "~/utils/request-limits";

export const access = defineAccess({ loader: "update:milestone:any", action: "update:milestone:any" });

export const meta: MetaFunction = () => [{ title: "Import milestones · Rampart" }];

const MAX_BYTES = 2 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  return null;
}

type ImportAnswer = { errors: CsvError[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const formData = await readForm(request, { files: true, maxBytes: IMPORT_BODY_LIMIT, maxValueLength: MAX_BYTES, maxTotalLength: MAX_BYTES + 1000 });
  const file = formData.get("file");
  const text = file instanceof File ? await file.text() : typeof formData.get("csv") === "string" ? String(formData.get("csv")) : "";
  if (!text.trim())
    return Response.json({ errors: [{ line: 0, column: "file", message: "Choose a CSV file to import." }] } satisfies ImportAnswer, { status: 400 });
  if (text.length > MAX_BYTES)
    return Response.json({ errors: [{ line: 0, column: "file", message: "The file is larger than 2 MB." }] } satisfies ImportAnswer, { status: 400 });
  const outcome = importMilestones(db, auditContext(user.id, context), text, { ownerOnly: canActOnAny(user, access.action) ? null : user.id });
  if (!outcome.ok) return Response.json({ errors: outcome.errors } satisfies ImportAnswer, { status: 400 });
  return redirectWithToast("/milestones", {
    kind: "success",
    message: `Import done: ${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged.`,
  });
}

export default function ImportMilestones() {
  const data = useActionData<ImportAnswer>();
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">Import milestones from CSV</h1>
      <p className="text-sm text-slate-700">
        Use the columns of the <a href="/milestones.csv">milestone export</a>. A known code updates that milestone, a new code creates one. The whole file is
        checked first and nothing is saved unless every row is valid. Baselines cannot change by import (use re-baseline), and a row whose <code>version</code>{" "}
        is older than the stored one is refused so that nobody's newer edit is overwritten.
      </p>
      <CsvImportErrors errors={data?.errors ?? []} />
      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <label className="block text-sm font-medium text-slate-700">
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" required className="mt-1 block text-sm" />
        </label>
        <SubmitButton pendingText="Checking…">Import</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
