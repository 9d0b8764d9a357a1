import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { requireWorkstreamEditor } from "~/workstreams/ownership.server";
import { StatusReportCreateSchema } from "~/status-reports/status-report-schemas";
import { createDraftReport, existingReportFor } from "~/status-reports/status-reports.server";
import { accomplishmentsFacts, nextStepsFacts } from "~/status-reports/report-facts";
import { reportFacts } from "~/status-reports/report-facts.server";
import { reportsDue } from "~/status-reports/report-due.server";
import { UnsavedChangesWarning } from "~/components/forms/unsaved-changes";
import { z } from "zod";
import { type StatusReportFieldSet, StatusReportFields } from "~/status-reports/status-report-fields";
import { getWorkstreamByCode } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:status_report:any", action: "update:status_report:any" });

export const meta: MetaFunction = ({ params }) => [{ title: `Monthly report · ${params.code} · Rampart` }];

function load(code: string | undefined) {
  const ws = code ? getWorkstreamByCode(db, code, todayIso()) : null;
  if (!ws) throw new Response("Not found", { status: 404 });
  return ws;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const ws = load(params.code);
  requireWorkstreamEditor(db, user, access.loader, ws.id);
  const today = todayIso();
  // The month asked for (a link from "My work"), else the month this workstream owes a report for.
  const asked = MonthParamSchema.safeParse(new URL(request.url).searchParams.get("month"));
  const month = asked.success ? asked.data : (reportsDue(db, today, { workstreamId: ws.id })[0]?.month ?? today.slice(0, 7));
  const facts = reportFacts(db, ws.id, month, today);
  return {
    ws: { code: ws.code, name: ws.name },
    month,
    existing: existingReportFor(db, ws.id, month) ?? null,
    prefill: { accomplishments: accomplishmentsFacts(facts), nextSteps: nextStepsFacts(facts) },
  };
}

const MonthParamSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const ws = load(params.code);
  requireWorkstreamEditor(db, user, access.action, ws.id);
  const submission = parseWithZod(await readForm(request), { schema: StatusReportCreateSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    const row = createDraftReport(db, auditContext(user.id, context), ws.id, submission.value);
    return redirectWithToast(`/status-reports/${row.id}`, { kind: "success", message: `Draft for ${row.period} saved. Submit it when it is ready.` });
  } catch (error) {
    const refused = refusal(error, submission, []);
    // A report for that month already exists: say where it is, so the lead opens it rather than starting over.
    const existing = existingReportFor(db, ws.id, submission.value.period);
    if (!existing) return refused;
    const body = (await refused.json()) as ActionResult;
    return Response.json({ ...body, existing }, { status: refused.status });
  }
}

type NewReportResult = ActionResult & { existing?: { id: number; state: string; revision: number } };

function ExistingReport({ existing, month }: { existing: { id: number; state: string }; month: string }) {
  return (
    <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="existing-report">
      {existing.state === "draft" ? `A draft for ${month} already exists: ` : `The ${month} report is submitted: `}
      <a href={`/status-reports/${existing.id}`} className="font-medium underline">
        {existing.state === "draft" ? `continue the ${month} draft` : `open it to make a correction`}
      </a>
      .
    </p>
  );
}

export default function NewStatusReport() {
  const { ws, month, existing, prefill } = useLoaderData<typeof loader>();
  const data = useActionData<NewReportResult>();
  const [form, fields] = useForm({
    id: "new-status-report",
    lastResult: data?.result,
    defaultValue: { period: month, ...prefill },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusReportCreateSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <a href={`/workstreams/${ws.code}`}>
          ← {ws.code} {ws.name}
        </a>
      </p>
      <h1 className="text-2xl font-semibold">Monthly status report</h1>
      <p className="text-sm text-slate-600">Saved as a draft you can edit; once submitted it cannot change, and a correction becomes a new revision.</p>
      {existing ? <ExistingReport existing={existing} month={month} /> : null}
      {data?.existing && data.existing.id !== existing?.id ? <ExistingReport existing={data.existing} month={String(fields.period.value ?? "")} /> : null}
      <p className="text-sm text-slate-600">
        &ldquo;Accomplishments&rdquo; and &ldquo;Next steps&rdquo; start with what the milestones say about {month}; once saved, the draft can refresh them
        after a re-forecast. Write your own text below them.
      </p>
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <UnsavedChangesWarning formId={form.id} />
        <FormErrors errors={form.errors} />
        <Field label="Month" errors={fields.period.errors} errorId={fields.period.errorId} {...getInputProps(fields.period, { type: "month" })} />
        <StatusReportFields fields={fields as unknown as StatusReportFieldSet} />
        <SubmitButton>Save draft</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
