import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { RagBadge } from "~/components/rag-badge";
import { VersionConflict } from "~/components/version-conflict";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { mayEditWorkstream, requireWorkstreamEditor } from "~/workstreams/ownership.server";
import { STATUS_REPORT_COMPARED_FIELDS, StatusReportEditSchema } from "~/status-reports/status-report-schemas";
import { getStatusReport, refreshReportFacts, revisionsOf, saveDraftReport, startCorrection } from "~/status-reports/status-reports.server";
import { UnsavedChangesWarning } from "~/components/forms/unsaved-changes";
import { todayIso } from "~/time/today.server";
import { type StatusReportFieldSet, StatusReportFields } from "~/status-reports/status-report-fields";
import { db } from "~/db.server";
import { humanize } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "read:program", action: "update:status_report:any" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Report ${data?.report.period ?? ""} · ${data?.report.workstreamCode ?? ""} · Rampart` },
];

const CorrectSchema = z.object({ intent: z.literal("correct") });
const RefreshFactsSchema = z.object({ intent: z.literal("refresh_facts"), version: z.number().int().positive() });

function reportId(params: { id?: string }) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

function load(params: { id?: string }) {
  const report = getStatusReport(db, reportId(params));
  if (!report) throw new Response("Not found", { status: 404 });
  return report;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const report = load(params);
  return { report, revisions: revisionsOf(db, report.workstreamId, report.period), canEdit: mayEditWorkstream(user, access.action, report.ownerId) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const report = load(params);
  requireWorkstreamEditor(db, user, access.action, report.workstreamId);
  const ctx = auditContext(user.id, context);
  const formData = await readForm(request);
  if (formData.get("intent") === "correct") {
    const submission = parseWithZod(formData, { schema: CorrectSchema });
    if (submission.status !== "success") return invalid(submission);
    try {
      const draft = startCorrection(db, ctx, report.id);
      return redirectWithToast(`/status-reports/${draft.id}`, { kind: "success", message: `Correction started as revision ${draft.revision}.` });
    } catch (error) {
      return refusal(error, submission, []);
    }
  }
  if (formData.get("intent") === "refresh_facts") {
    const submission = parseWithZod(formData, { schema: RefreshFactsSchema });
    if (submission.status !== "success") return invalid(submission);
    try {
      refreshReportFacts(db, ctx, report.id, submission.value.version, todayIso());
    } catch (error) {
      return refusal(error, submission, STATUS_REPORT_COMPARED_FIELDS);
    }
    return redirectWithToast(`/status-reports/${report.id}`, { kind: "success", message: "Facts from the milestones refreshed; your own text is unchanged." });
  }
  const submission = parseWithZod(formData, { schema: StatusReportEditSchema });
  if (submission.status !== "success") return invalid(submission);
  const { intent, version, ...values } = submission.value;
  try {
    saveDraftReport(db, ctx, report.id, version, values, intent === "submit");
  } catch (error) {
    return refusal(error, submission, STATUS_REPORT_COMPARED_FIELDS);
  }
  return redirectWithToast(`/status-reports/${report.id}`, {
    kind: "success",
    message: intent === "submit" ? `Report for ${report.period} submitted.` : "Draft saved.",
  });
}

export default function StatusReportPage() {
  const { report, revisions, canEdit } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const editable = canEdit && report.state === "draft";
  const isLatest = revisions[0]?.id === report.id;
  return (
    <div className="max-w-5xl space-y-5">
      <p className="text-sm">
        <a href={`/workstreams/${report.workstreamCode}`}>
          ← {report.workstreamCode} {report.workstreamName}
        </a>
      </p>
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          Status report {report.period}
          {report.revision > 1 ? ` · revision ${report.revision}` : ""}
        </h1>
        <span className="rounded bg-slate-200 px-2 py-0.5 text-sm" data-testid="report-state">
          {humanize(report.state)}
        </span>
      </header>
      <p className="text-sm text-slate-600">
        Written by {report.authorName ?? "—"}
        {report.submittedAt ? ` · submitted ${report.submittedAt.slice(0, 16).replace("T", " ")} UTC` : ""}
        {report.supersedesId ? (
          <>
            {" "}
            · corrects <a href={`/status-reports/${report.supersedesId}`}>revision {report.revision - 1}</a>
          </>
        ) : null}
      </p>
      {revisions.length > 1 ? (
        <p className="text-sm">
          Revisions of {report.period}:{" "}
          {revisions.map((r) => (
            <a key={r.id} href={`/status-reports/${r.id}`} className="mr-2">
              {r.revision} ({r.state})
            </a>
          ))}
        </p>
      ) : null}

      {editable ? <DraftForm report={report} data={data} /> : <ReportView report={report} />}

      {canEdit && report.state === "submitted" && isLatest ? (
        <Form method="post" className="no-print">
          <input type="hidden" name="intent" value="correct" />
          {data?.intent === "correct" ? <FormErrors errors={data.result.error?.[""] ?? undefined} /> : null}
          <SubmitButton className="bg-slate-700">Correct this report</SubmitButton>
          <p className="mt-1 text-xs text-slate-500">Starts a new revision as a draft; this one stays on record.</p>
        </Form>
      ) : null}
    </div>
  );
}

type Report = ReturnType<typeof useLoaderData<typeof loader>>["report"];

function ReportView({ report }: { report: Report }) {
  const sections: Array<[string, string]> = [
    ["Summary", report.summary],
    ["Accomplishments", report.accomplishments],
    ["Next steps", report.nextSteps],
    ["Blockers", report.blockers],
    ["Asks", report.asks],
  ];
  return (
    <div className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <p className="flex flex-wrap gap-2">
        <RagBadge rag={report.ragOverall} label="Overall" />
        <RagBadge rag={report.ragSchedule} label="Schedule" />
        <RagBadge rag={report.ragCost} label="Cost" />
        <RagBadge rag={report.ragScope} label="Scope" />
        <RagBadge rag={report.ragRisk} label="Risk" />
      </p>
      {sections.map(([title, text]) => (
        <section key={title}>
          <h2 className="font-semibold">{title}</h2>
          <p className="whitespace-pre-line text-sm">{text || "—"}</p>
        </section>
      ))}
    </div>
  );
}

function DraftForm({ report, data }: { report: Report; data?: ActionResult }) {
  const version = data?.conflict?.currentVersion ?? report.version;
  const [form, fields] = useForm({
    id: `report-${report.id}-${version}`,
    lastResult: data?.intent === "save" || data?.intent === "submit" ? data.result : undefined,
    defaultValue: {
      ragOverall: report.ragOverall,
      ragSchedule: report.ragSchedule,
      ragCost: report.ragCost,
      ragScope: report.ragScope,
      ragRisk: report.ragRisk,
      summary: report.summary,
      accomplishments: report.accomplishments,
      nextSteps: report.nextSteps,
      blockers: report.blockers,
      asks: report.asks,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusReportEditSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
      <Form method="post" className="no-print flex flex-wrap items-center gap-3 text-sm">
        <input type="hidden" name="intent" value="refresh_facts" />
        <input type="hidden" name="version" value={version} />
        <SubmitButton className="bg-slate-700 hover:bg-slate-800" pendingText="Refreshing…">
          Refresh facts from the milestones
        </SubmitButton>
        <span className="text-slate-600">
          Replaces only the marked facts in &ldquo;Accomplishments&rdquo; and &ldquo;Next steps&rdquo;. Save your edits first.
        </span>
      </Form>
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <UnsavedChangesWarning formId={form.id} />
        <input type="hidden" name="version" value={version} />
        {data?.conflict ? null : <FormErrors errors={form.errors} />}
        <StatusReportFields fields={fields as unknown as StatusReportFieldSet} />
        <div className="flex gap-3">
          <SubmitButton name="intent" value="save">
            Save draft
          </SubmitButton>
          <SubmitButton name="intent" value="submit" className="bg-green-800 hover:bg-green-900">
            Submit report
          </SubmitButton>
        </div>
        <p className="text-xs text-slate-500">Submitting makes the report final; corrections become a new revision.</p>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
