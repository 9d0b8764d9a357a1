import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { type BoardActionData, runStep } from "~/board/action.server";
import { quarterDeltas } from "~/board/deltas";
import { findReport, previousPublished, reportFigures } from "~/board/reports.server";
import { Appendix } from "~/board/report-appendix";
import { Dashboard, Glance, Memo } from "~/board/report-sections";
import { integrityLine, longDate } from "~/board/pack/content";
import { OutcomesSection } from "~/measures/ui/outcomes-section";
import { NARRATIVE_FIELDS, NarrativeSchema, TransitionSchema } from "~/board/schemas";
import { publishesEarly, transition, updateNarrative } from "~/board/workflow.server";
import { FigureChanges } from "~/board/figure-changes";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess, requirePermission } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextareaField } from "~/components/forms/field";
import { UnsavedChangesWarning } from "~/components/forms/unsaved-changes";
import { SubmitButton } from "~/components/forms/submit-button";
import { VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { EvidenceSection } from "~/evidence/evidence-section";
import { evidenceSection } from "~/evidence/section.server";

export const access = defineAccess({ loader: "read:board_report:published", action: "update:board_report" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Board report ${data?.report.quarter ?? ""} · Rampart` }];

// A report the role may not read answers 404 like a missing one, so a board member cannot learn a draft exists.
function notFound(): Response {
  return new Response("No board report for this quarter.", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const report = findReport(db, params.quarter ?? "", user.role);
  if (!report) throw notFound();
  const today = todayIso();
  const { snapshot, frozen, verified, approvedFigures } = reportFigures(db, report, today);
  const previous = previousPublished(db, report.quarter);
  const { snapshot: _json, ...rest } = report;
  return {
    report: rest,
    snapshot,
    frozen,
    approvedFigures,
    verified,
    // Publishing now would come before the quarter's end: the page warns and asks why.
    early: report.state === "approved" && publishesEarly(db, report.quarter, today),
    deltas: quarterDeltas(snapshot, previous),
    previousByLevel: previous?.snapshot.risks?.byLevel ?? null,
    linkReasons: roleHasPermission(user.role, "read:program"),
    appendices: evidenceSection(db, user, "board_report", report.id, today),
    can: {
      edit: roleHasPermission(user.role, "update:board_report") && (report.state === "draft" || report.state === "in_review"),
      submit: roleHasPermission(user.role, "update:board_report") && report.state === "draft",
      approve: roleHasPermission(user.role, "approve:board_report") && report.state === "in_review",
      sendBack:
        (roleHasPermission(user.role, "update:board_report") || roleHasPermission(user.role, "approve:board_report")) &&
        (report.state === "in_review" || report.state === "approved"),
      publish: roleHasPermission(user.role, "publish:board_report") && report.state === "approved",
      // Executives hold no edit right on this route's action; their steps go through the review route.
      viaReview: !roleHasPermission(user.role, "update:board_report"),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const quarter = params.quarter ?? "";
  if (!findReport(db, quarter, user.role)) throw notFound();
  const formData = await readForm(request);
  const ctx = { ...auditContext(user.id, context), actorId: user.id };

  if (formData.get("intent") === "edit") {
    const submission = parseWithZod(formData, { schema: NarrativeSchema });
    if (submission.status !== "success") return data<BoardActionData>({ result: submission.reply(), error: null, conflict: null }, { status: 400 });
    let saved: { version: number } | undefined;
    const refused = runStep(
      () => (saved = updateNarrative(db, ctx, quarter, submission.value)),
      submission.value,
      [...NARRATIVE_FIELDS, "state"],
      submission.reply(),
    );
    if (refused) return refused;
    // "Submit for review" sits in the narrative form: the text is saved first, so a refused submission never loses it.
    if (formData.get("then") === "submit" && saved) {
      const version = saved.version;
      const notSubmitted = runStep(() => transition(db, ctx, quarter, "submit", version, todayIso()), { state: "(as you saw it)" }, ["state"]);
      if (notSubmitted) return notSubmitted;
      return redirectWithToast(`/board/${quarter}`, { kind: "success", message: `Narrative saved; ${DONE.submit(quarter)}` });
    }
    return redirectWithToast(`/board/${quarter}`, { kind: "success", message: `Narrative of ${quarter} saved.` });
  }

  const submission = parseWithZod(formData, { schema: TransitionSchema });
  if (submission.status !== "success")
    return data<BoardActionData>({ result: submission.reply(), error: "Unknown or incomplete action.", conflict: null }, { status: 400 });
  const { intent, version, reason } = submission.value;
  if (intent === "approve") requirePermission(user, "approve:board_report");
  if (intent === "publish") requirePermission(user, "publish:board_report");
  const refused = runStep(
    () => transition(db, ctx, quarter, intent, version, todayIso(), undefined, reason ?? null),
    { state: "(as you saw it)" },
    ["state"],
    submission.reply(),
  );
  return refused ?? redirectWithToast(`/board/${quarter}`, { kind: "success", message: DONE[intent](quarter) });
}

const DONE = {
  submit: (q: string) => `${q} submitted for review.`,
  approve: (q: string) => `${q} approved.`,
  send_back: (q: string) => `${q} sent back to draft.`,
  publish: (q: string) => `${q} published: its figures are now frozen.`,
} as const;

export default function BoardReportPage() {
  const { report, snapshot, frozen, approvedFigures, verified, early, deltas, previousByLevel, linkReasons, can, appendices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as BoardActionData | undefined;
  return (
    <article className="min-w-0 space-y-6">
      <header className="space-y-1">
        <p className="no-print text-sm">
          <Link to="/board">Board reports</Link> ›
        </p>
        <h1 className="text-xl font-semibold sm:text-2xl">
          Board report {report.quarter} <span className="block text-sm font-normal text-slate-600 sm:inline">{snapshot.programme.name}</span>
        </h1>
        <p className="text-sm" data-testid="report-state">
          <strong>{humanize(report.state)}</strong> · figures as of {longDate(snapshot.asOfDate)}
          {report.approvedOn ? ` · approved by ${report.approverName ?? "—"} on ${longDate(report.approvedOn)}` : ""}
          {report.publishedOn ? ` · published by ${report.publisherName ?? "—"} on ${longDate(report.publishedOn)}` : ""}
          {report.state === "approved" && approvedFigures
            ? " — these are the figures the executive approved; publication publishes exactly them, once it has checked the data still gives them."
            : ""}
        </p>
        <p className="text-sm text-slate-700" data-testid="integrity-line">
          {integrityLine(report)}
        </p>
        <p className="text-xs text-slate-600" data-testid="time-zone-note">
          Dates are in {report.timeZone} time{report.drafterName ? `; drafted by ${report.drafterName}` : ""}.{" "}
          <a href={`/board/${report.quarter}.pdf`} download className="no-print">
            Download PDF board pack
          </a>
        </p>
        {report.earlyPublicationReason ? (
          <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="early-publication">
            Published before the quarter ended, because: {report.earlyPublicationReason}
          </p>
        ) : null}
      </header>

      {actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
      {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
      {/* A refused publication is not followed by a reload (4xx): the steps shown would be stale, so offer the fresh page instead. */}
      {actionData?.differences?.length ? (
        <>
          <FigureChanges changes={actionData.differences} />
          <p className="no-print text-sm">
            <Link to={`/board/${report.quarter}`} reloadDocument>
              Reload the report (now in review)
            </Link>
          </p>
        </>
      ) : (
        <Workflow quarter={report.quarter} version={actionData?.conflict?.currentVersion ?? report.version} can={can} early={early} />
      )}

      {can.edit ? <NarrativeForm report={report} version={actionData?.conflict?.currentVersion ?? report.version} canSubmit={can.submit} /> : null}
      <Glance s={snapshot} />
      {/* While the form is shown on screen, the printed copy still carries the memo as text. */}
      <div className={can.edit ? "hidden print:block" : undefined}>
        <Memo summary={report.summary} highlights={report.highlights} concerns={report.concerns} decisions={report.decisions} />
      </div>
      <Dashboard s={snapshot} deltas={deltas} quarter={report.quarter} linkReasons={linkReasons} />
      <OutcomesSection outcomes={snapshot.outcomes} linkMeasures={linkReasons} />
      <Appendix s={snapshot} report={report} previousByLevel={previousByLevel} verified={frozen ? verified : null} />
      <EvidenceSection data={appendices} title="Appendices" />
    </article>
  );
}

type Can = ReturnType<typeof useLoaderData<typeof loader>>["can"];

function StepButton({ quarter, version, intent, label, action }: { quarter: string; version: number; intent: string; label: string; action?: string }) {
  return (
    <Form method="post" action={action ?? `/board/${quarter}`}>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value={intent} />
      <SubmitButton pendingText="Working…">{label}</SubmitButton>
    </Form>
  );
}

function EarlyPublish({ quarter, version }: { quarter: string; version: number }) {
  return (
    <Form method="post" action={`/board/${quarter}`} className="w-full space-y-2 rounded border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-semibold" role="alert">
        {quarter} has not ended yet. Its figures will keep moving after publication; the published report will show your reason.
      </p>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value="publish" />
      <TextareaField label="Why publish before the quarter ends" name="reason" rows={2} required maxLength={2000} />
      <SubmitButton pendingText="Working…">Publish early</SubmitButton>
    </Form>
  );
}

function Workflow({ quarter, version, can, early }: { quarter: string; version: number; can: Can; early: boolean }) {
  if (!can.submit && !can.approve && !can.sendBack && !can.publish) return null;
  const review = `/board/${quarter}/review`;
  return (
    <section aria-label="Workflow" className="no-print flex flex-wrap gap-2 rounded border border-sky-200 bg-sky-50 p-3">
      {/* With the narrative form on the page, "Submit for review" is a button of that form (it saves the text first). */}
      {can.submit && !can.edit ? <StepButton quarter={quarter} version={version} intent="submit" label="Submit for review" /> : null}
      {can.approve ? <StepButton quarter={quarter} version={version} intent="approve" label="Approve" action={review} /> : null}
      {can.publish && !early ? <StepButton quarter={quarter} version={version} intent="publish" label="Publish" /> : null}
      {can.publish && early ? <EarlyPublish quarter={quarter} version={version} /> : null}
      {can.sendBack ? (
        <StepButton quarter={quarter} version={version} intent="send_back" label="Send back to draft" action={can.viaReview ? review : undefined} />
      ) : null}
    </section>
  );
}

function NarrativeForm({
  report,
  version,
  canSubmit,
}: {
  report: { summary: string; highlights: string; concerns: string; decisions: string };
  version: number;
  canSubmit: boolean;
}) {
  const actionData = useActionData<typeof action>() as BoardActionData | undefined;
  const [form, fields] = useForm({
    id: "board-narrative",
    lastResult: actionData?.result as never,
    defaultValue: { summary: report.summary, highlights: report.highlights, concerns: report.concerns, decisions: report.decisions },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NarrativeSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="no-print space-y-3 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
      <UnsavedChangesWarning formId={form.id} />
      <h2 className="text-lg font-semibold">Narrative</h2>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="edit" />
      <input type="hidden" name="version" value={version} />
      <TextareaField label="Summary" rows={5} errors={fields.summary.errors} errorId={fields.summary.errorId} {...getTextareaProps(fields.summary)} />
      <TextareaField
        label="Highlights"
        rows={4}
        errors={fields.highlights.errors}
        errorId={fields.highlights.errorId}
        {...getTextareaProps(fields.highlights)}
      />
      <TextareaField label="Concerns" rows={4} errors={fields.concerns.errors} errorId={fields.concerns.errorId} {...getTextareaProps(fields.concerns)} />
      <TextareaField
        label="Decisions asked of the board"
        rows={3}
        errors={fields.decisions.errors}
        errorId={fields.decisions.errorId}
        {...getTextareaProps(fields.decisions)}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton>Save narrative</SubmitButton>
        {canSubmit ? (
          <SubmitButton name="then" value="submit" className="bg-green-800 hover:bg-green-900">
            Submit for review
          </SubmitButton>
        ) : null}
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
