import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { CsvImportErrors } from "~/components/csv-import-errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { importValues } from "~/measures/import.server";
import { MAX_VALUE_ROWS } from "~/measures/limits";
import { todayIso } from "~/time/today.server";
import type { CsvError } from "~/utils/csv.server";
import { readForm } from "~/utils/form.server";
import { IMPORT_BODY_LIMIT } from "~/utils/request-limits";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "update:measure_value:any", action: "update:measure_value:any" });

export const meta: MetaFunction = () => [{ title: "Import measure values · Rampart" }];

const MAX_BYTES = 2 * 1024 * 1024;

type ImportAnswer = { errors: CsvError[] };

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const formData = await readForm(request, { files: true, maxBytes: IMPORT_BODY_LIMIT, maxValueLength: MAX_BYTES, maxTotalLength: MAX_BYTES + 1000 });
  const file = formData.get("file");
  const text = file instanceof File ? await file.text() : typeof formData.get("csv") === "string" ? String(formData.get("csv")) : "";
  if (!text.trim())
    return Response.json({ errors: [{ line: 0, column: "file", message: "Choose a CSV file to import." }] } satisfies ImportAnswer, { status: 400 });
  if (text.length > MAX_BYTES)
    return Response.json({ errors: [{ line: 0, column: "file", message: "The file is larger than 2 MB." }] } satisfies ImportAnswer, { status: 400 });
  const editor = { userId: user.id, any: canActOnAny(user, "update:measure_value:any") };
  const fileName = file instanceof File ? file.name : "pasted.csv";
  const outcome = importValues(db, auditContext(user.id, context), editor, text, todayIso(), fileName);
  if (!outcome.ok) return Response.json({ errors: outcome.errors } satisfies ImportAnswer, { status: 400 });
  return redirectWithToast("/measures", {
    kind: "success",
    message: `Import done: ${outcome.created} new value(s), ${outcome.updated} corrected, ${outcome.unchanged} unchanged.`,
  });
}

export default function ImportMeasureValues() {
  const data = useActionData<ImportAnswer>();
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/measures">Measures</Link> ›
      </p>
      <h1 className="text-2xl font-semibold">Import measure values from CSV</h1>
      <p className="text-sm text-slate-700">
        Columns <code>measure_key</code>, <code>period</code> (YYYY-MM), <code>value</code> (in the measure&apos;s unit: percent and days with up to two
        decimals, counts whole, money in dollars and cents) and optionally <code>source_note</code>: the first columns of the <a href="/measures.csv">export</a>
        . A row equal to the stored value changes nothing, so importing the same file twice adds nothing; a different value is recorded as a correction. Every
        row is checked first and nothing is saved unless all are valid. Up to {MAX_VALUE_ROWS.toLocaleString("en-US")} rows.
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
