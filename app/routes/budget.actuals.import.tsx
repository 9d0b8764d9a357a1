import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { CsvImportErrors } from "~/components/csv-import-errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { type ColumnMapping, guessMapping, IMPORT_FIELDS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, mappingErrors } from "~/budget/actuals-import";
import { checkImport, csvHeaders, csvSample, importActuals } from "~/budget/actuals-import.server";
import type { CsvError } from "~/utils/csv.server";
import { formatCents } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { ACTUALS_IMPORT_BODY_LIMIT } from "~/utils/request-limits";

export const access = defineAccess({ loader: "update:budget:any", action: "update:budget:any" });

export const meta: MetaFunction = () => [{ title: "Import actuals · Rampart" }];

const MappingSchema = z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f.name, z.string().trim().max(200).optional()])));

const StepSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("upload") }),
  z.object({
    intent: z.enum(["preview", "import"]),
    csv: z.string({ error: "The file content is missing: upload it again." }).max(MAX_IMPORT_BYTES, "The file is too large."),
    fileName: z.string().max(200).default("upload.csv"),
    map: MappingSchema.default({}),
  }),
]);

type Preview = { total: number; fresh: number; already: number; freshCents: number; sample: Array<Record<string, string>> };
type StepResult = {
  step: "map";
  fileName: string;
  csv: string;
  headers: string[];
  mapping: ColumnMapping;
  mappingErrors: Partial<Record<string, string>>;
  errors: CsvError[];
  preview: Preview | null;
  formError: string | null;
};

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  return { maxRows: MAX_IMPORT_ROWS };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const formData = await readForm(request, {
    files: true,
    maxBytes: ACTUALS_IMPORT_BODY_LIMIT,
    maxValueLength: MAX_IMPORT_BYTES,
    maxTotalLength: MAX_IMPORT_BYTES + 10_000,
  });
  const submission = parseWithZod(formData, { schema: StepSchema });
  if (submission.status !== "success") return data(uploadError("Choose a CSV file to upload."), { status: 400 });
  const step = submission.value;

  if (step.intent === "upload") {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) return data(uploadError("Choose a CSV file to upload."), { status: 400 });
    if (file.size > MAX_IMPORT_BYTES) return data(uploadError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`), { status: 400 });
    const csv = await file.text();
    const headers = csvHeaders(csv);
    if (!headers.ok) return data(uploadError(headers.error), { status: 400 });
    return data(result({ fileName: file.name, csv, headers: headers.headers, mapping: guessMapping(headers.headers) }));
  }

  const headers = csvHeaders(step.csv);
  if (!headers.ok) return data(uploadError(headers.error), { status: 400 });
  const mapping = Object.fromEntries(Object.entries(step.map).filter(([, v]) => v)) as ColumnMapping;
  const base = { fileName: step.fileName, csv: step.csv, headers: headers.headers, mapping };
  const badMapping = mappingErrors(mapping, headers.headers);
  if (Object.keys(badMapping).length) return data(result({ ...base, mappingErrors: badMapping }), { status: 400 });

  if (step.intent === "preview") {
    const check = checkImport(db, step.csv, mapping);
    if (!check.ok) return data(result({ ...base, errors: check.errors }), { status: 400 });
    return data(result({ ...base, preview: preview(step.csv, check.fresh.length, check.already.length, check.freshCents) }));
  }

  const outcome = importActuals(db, auditContext(user.id, context), step.csv, mapping, step.fileName);
  if (!outcome.ok) return data(result({ ...base, errors: outcome.errors }), { status: 400 });
  return redirectWithToast("/budget", {
    kind: "success",
    message: `${outcome.imported} new actual(s) imported (${formatCents(outcome.importedCents)}), ${outcome.alreadyImported} already imported.`,
  });
}

function result(partial: Partial<StepResult> & Pick<StepResult, "fileName" | "csv" | "headers" | "mapping">): StepResult {
  return { step: "map", mappingErrors: {}, errors: [], preview: null, formError: null, ...partial };
}

function uploadError(message: string) {
  return { step: "upload" as const, formError: message };
}

function preview(csv: string, fresh: number, already: number, freshCents: number): Preview {
  return { total: fresh + already, fresh, already, freshCents, sample: csvSample(csv) };
}

export default function ImportActuals() {
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/budget">Budget</Link> ›
        </p>
        <h1 className="text-2xl font-semibold">Import actuals from a finance CSV</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Upload the finance export, say which column holds which field, preview, then import. Every row is checked first; if any row is wrong nothing is
          written. Rows whose reference is already recorded with the same date, amount and workstream are skipped, so importing the same file again adds
          nothing; a reference recorded with different values is refused.
        </p>
      </header>
      {result?.formError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {result.formError}
        </p>
      ) : null}
      {result && result.step === "map" ? <MappingForm r={result} /> : <UploadForm />}
    </div>
  );
}

function UploadForm() {
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <input type="hidden" name="intent" value="upload" />
      <label className="block text-sm font-medium text-slate-700">
        Finance CSV file
        <input type="file" name="file" accept=".csv,text/csv" required className="mt-1 block text-sm" />
      </label>
      <p className="text-xs text-slate-500">Up to {MAX_IMPORT_ROWS.toLocaleString("en-US")} rows. Amounts like 1,234.56 or 1234.56; dates YYYY-MM-DD.</p>
      <SubmitButton pendingText="Reading…">Upload</SubmitButton>
    </Form>
  );
}

function MappingForm({ r }: { r: StepResult }) {
  return (
    <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <p className="text-sm">
        File: <strong>{r.fileName}</strong> · columns: {r.headers.join(", ")}
      </p>
      <textarea name="csv" defaultValue={r.csv} hidden readOnly />
      <input type="hidden" name="fileName" value={r.fileName} />
      <fieldset className="grid gap-3 md:grid-cols-3">
        <legend className="mb-2 font-semibold">Column mapping</legend>
        {IMPORT_FIELDS.map((f) => (
          <div key={f.name}>
            <label className="block text-sm font-medium text-slate-700">
              {f.label}
              {f.required ? " *" : ""}
              <select
                name={`map.${f.name}`}
                defaultValue={r.mapping[f.name] ?? ""}
                aria-invalid={r.mappingErrors[f.name] ? true : undefined}
                className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
              >
                <option value="">{f.required ? "— choose a column —" : "(not in this file)"}</option>
                {r.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
            {r.mappingErrors[f.name] ? <p className="mt-1 text-sm text-red-700">{r.mappingErrors[f.name]}</p> : null}
          </div>
        ))}
      </fieldset>
      {/* The first 200 problems: a file with a wrong column can hold one per row. */}
      <CsvImportErrors errors={r.errors} limit={200} />
      {r.preview ? (
        <section className="rounded border border-sky-200 bg-sky-50 p-3 text-sm" data-testid="import-preview">
          <h2 className="font-semibold">
            {r.preview.total} row(s) valid: {r.preview.fresh} new ({formatCents(r.preview.freshCents)}), {r.preview.already} already imported.
          </h2>
          <table className="mt-2 bg-white">
            <thead>
              <tr>
                {r.headers.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.preview.sample.map((row, i) => (
                <tr key={i}>
                  {r.headers.map((h) => (
                    <td key={h}>{row[h]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <div className="flex gap-3">
        <button type="submit" name="intent" value="preview" className="rounded border border-slate-400 px-3 py-1.5 text-sm">
          Preview
        </button>
        <SubmitButton name="intent" value="import" pendingText="Importing…">
          Import
        </SubmitButton>
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
