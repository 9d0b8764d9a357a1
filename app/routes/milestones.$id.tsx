import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, forbidden, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, TextareaField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { VersionConflict } from "~/components/version-conflict";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { completeMilestone, MILESTONE_COMPARED_FIELDS, rebaselineMilestone, updateMilestone } from "~/milestones/milestone-changes.server";
import { getMilestone, milestoneDetail } from "~/milestones/milestone-queries.server";
import { dependencyPicker } from "~/milestones/milestone-picker.server";
import { DefaultSubmit } from "~/components/forms/search-picker";
import { formDraft } from "~/pickers/picker-params";
import { FORECAST_REASON_MIN, MilestoneCompleteSchema, MilestoneEditSchema, RebaselineSchema } from "~/milestones/milestone-schemas";
import { UnsavedChangesWarning } from "~/components/forms/unsaved-changes";
import { mayEditWorkstream, requireWorkstreamEditor } from "~/workstreams/ownership.server";
import { type DependencyChoices, type MilestoneFieldSet, MilestoneFields } from "~/milestones/milestone-fields";
import { SlipBadge } from "~/milestones/slip-badge";
import { db } from "~/db.server";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { EvidenceSection } from "~/evidence/evidence-section";
import { evidenceSection } from "~/evidence/section.server";

// Leads re-forecast and complete their own milestones; moving a baseline is a programme decision for the CISO office.
export const access = defineAccess({ loader: "read:program", action: "update:milestone:any" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.milestone.code ?? "Milestone"} · Rampart` }];

function milestoneId(params: { id?: string }): number {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const today = todayIso();
  const detail = milestoneDetail(db, milestoneId(params), today);
  if (!detail) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const canEdit = mayEditWorkstream(user, access.action, detail.milestone.ownerId);
  // Only an editor sees the form, so only an editor's page searches for candidates.
  const dependencies = canEdit ? dependencyPicker(db, url, { saved: detail.dependsOn.map((d) => d.id), forMilestone: detail.milestone.id }) : null;
  return {
    ...detail,
    today,
    dependencies,
    // After a Find without JavaScript, the edit form comes back as it was left.
    draft: dependencies?.searched ? formDraft(url, EDIT_DRAFT_FIELDS) : null,
    canEdit,
    canRebaseline: canActOnAny(user, access.action),
    evidence: evidenceSection(db, user, "milestone", detail.milestone.id, today),
  };
}

const EDIT_DRAFT_FIELDS = [
  "title",
  "description",
  "forecastDate",
  "actualDate",
  "status",
  "percentComplete",
  "weight",
  "criticalPath",
  "forecastReason",
] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const id = milestoneId(params);
  const milestone = getMilestone(db, id);
  if (!milestone) throw new Response("Not found", { status: 404 });
  requireWorkstreamEditor(db, user, access.action, milestone.workstreamId);
  const ctx = auditContext(user.id, context);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "rebaseline") {
    if (!canActOnAny(user, access.action)) throw forbidden("Only the CISO office can re-baseline a milestone.");
    const submission = parseWithZod(formData, { schema: RebaselineSchema });
    if (submission.status !== "success") return invalid(submission);
    try {
      rebaselineMilestone(db, ctx, id, submission.value);
    } catch (error) {
      return refusal(error, submission, ["baselineDate"]);
    }
    return redirectWithToast(`/milestones/${id}`, { kind: "success", message: `Baseline of ${milestone.code} moved to ${submission.value.newBaselineDate}.` });
  }
  if (intent === "complete") {
    const submission = parseWithZod(formData, { schema: MilestoneCompleteSchema });
    if (submission.status !== "success") return invalid(submission);
    try {
      completeMilestone(db, ctx, id, submission.value.version, submission.value.actualDate);
    } catch (error) {
      return refusal(error, submission, ["status", "actualDate"]);
    }
    return redirectWithToast(`/milestones/${id}`, { kind: "success", message: `${milestone.code} marked done.` });
  }
  const submission = parseWithZod(formData, { schema: MilestoneEditSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    updateMilestone(db, ctx, id, submission.value);
  } catch (error) {
    return refusal(error, submission, MILESTONE_COMPARED_FIELDS);
  }
  return redirectWithToast(`/milestones/${id}`, { kind: "success", message: `${milestone.code} saved.` });
}

export default function MilestonePage() {
  const {
    milestone: m,
    dependsOn,
    dependents,
    baselineHistory,
    forecastHistory,
    deliverables,
    dependencies,
    draft,
    canEdit,
    canRebaseline,
    today,
    evidence,
  } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const resultFor = (intent: string) => (data?.intent === intent ? data : undefined);
  const version = data?.conflict?.currentVersion ?? m.version;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-500">
          <a href={`/workstreams/${m.workstreamCode}`}>
            {m.workstreamCode} {m.workstreamName}
          </a>{" "}
          · <a href="/milestones">All milestones</a>
        </p>
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{m.code}</span> {m.title}
        </h1>
        {m.description ? <p className="mt-1 max-w-3xl text-slate-700">{m.description}</p> : null}
      </header>

      <dl className="grid grid-cols-2 gap-3 rounded border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4 lg:grid-cols-7">
        <Fact label="Status" value={humanize(m.status)} />
        <Fact label="Baseline" value={m.baselineDate} testId="baseline" />
        <Fact label="Forecast" value={m.forecastDate ?? "—"} testId="forecast" />
        <Fact label="Actual" value={m.actualDate ?? "—"} />
        <div>
          <dt className="text-slate-500">Slip</dt>
          <dd data-testid="slip">
            <SlipBadge days={m.slipDays} overdue={m.overdue} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Slip vs original ({m.originalBaselineDate ?? m.baselineDate})</dt>
          <dd data-testid="slip-original">
            <SlipBadge days={m.slipDaysOriginal} />
            {m.rebaselines > 0 ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">re-baselined ×{m.rebaselines}</span> : null}
          </dd>
        </div>
        <Fact label="Complete" value={`${m.percentComplete}%`} />
        <Fact label="Weight" value={`${m.weight}${m.criticalPath ? " · critical path" : ""}`} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">Depends on</h2>
          {dependsOn.length ? (
            <ul className="space-y-1 text-sm">
              {dependsOn.map((d) => (
                <li key={d.id}>
                  <a className="font-mono" href={`/milestones/${d.id}`}>
                    {d.code}
                  </a>{" "}
                  {d.title} · {humanize(d.status)} · <SlipBadge days={d.slipDays} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No dependencies.</p>
          )}
          <h2 className="mt-4 mb-2 font-semibold">Needed by</h2>
          {dependents.length ? (
            <ul className="space-y-1 text-sm">
              {dependents.map((d) => (
                <li key={d.id}>
                  <a className="font-mono" href={`/milestones/${d.id}`}>
                    {d.code}
                  </a>{" "}
                  {d.title}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No milestone depends on this one.</p>
          )}
          {deliverables.length ? (
            <>
              <h2 className="mt-4 mb-2 font-semibold">Engagement deliverables</h2>
              <ul className="space-y-1 text-sm">
                {deliverables.map((d) => (
                  <li key={d.id}>
                    <a href={`/engagements/${d.engagementId}`}>{d.engagementTitle}</a>: {d.title} · due {d.dueDate} · {humanize(d.status)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="baseline-history">
          <h2 id="baseline-history" className="mb-2 font-semibold">
            Baseline history
          </h2>
          {baselineHistory.length ? (
            <table data-testid="baseline-history">
              <thead>
                <tr>
                  <th>When</th>
                  <th>From</th>
                  <th>To</th>
                  <th>Why</th>
                  <th>By</th>
                </tr>
              </thead>
              <tbody>
                {baselineHistory.map((h) => (
                  <tr key={h.id}>
                    <td className="whitespace-nowrap">{h.changedAt.slice(0, 10)}</td>
                    <td className="whitespace-nowrap">{h.previousDate}</td>
                    <td className="whitespace-nowrap">{h.newDate}</td>
                    <td>{h.reason}</td>
                    <td>{h.changedBy ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600">The baseline has never changed.</p>
          )}
          <h2 className="mt-4 mb-2 font-semibold">Forecast history</h2>
          {forecastHistory.length ? (
            <table data-testid="forecast-history">
              <thead>
                <tr>
                  <th>When</th>
                  <th>From</th>
                  <th>To</th>
                  <th>Why</th>
                  <th>By</th>
                </tr>
              </thead>
              <tbody>
                {forecastHistory.map((h) => (
                  <tr key={h.id}>
                    <td className="whitespace-nowrap">{h.changedAt.slice(0, 10)}</td>
                    <td className="whitespace-nowrap">{h.previousDate ?? "none"}</td>
                    <td className="whitespace-nowrap">{h.newDate ?? "none"}</td>
                    <td>{h.reason}</td>
                    <td>{h.changedBy ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-600">No re-forecast recorded.</p>
          )}
        </section>
      </div>

      <EvidenceSection data={evidence} title="Evidence of completion" />

      {canEdit && dependencies ? (
        <div className="no-print grid gap-6 lg:grid-cols-3">
          <EditForm key={`edit-${version}`} m={m} version={version} dependencies={dependencies} draft={draft} data={resultFor("update")} />
          <div className="space-y-6">
            {m.status !== "done" ? <CompleteForm key={`complete-${version}`} version={version} today={today} data={resultFor("complete")} /> : null}
            {canRebaseline ? <RebaselineForm key={`rebaseline-${version}`} version={version} data={resultFor("rebaseline")} /> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

type MilestoneView = ReturnType<typeof useLoaderData<typeof loader>>["milestone"];

function EditForm({
  m,
  version,
  dependencies,
  draft,
  data,
}: {
  m: MilestoneView;
  version: number;
  dependencies: DependencyChoices;
  draft: Record<(typeof EDIT_DRAFT_FIELDS)[number], string> | null;
  data?: ActionResult;
}) {
  const [form, fields] = useForm({
    id: "milestone-edit",
    lastResult: data?.result,
    defaultValue: draft ?? {
      title: m.title,
      description: m.description,
      forecastDate: m.forecastDate ?? "",
      actualDate: m.actualDate ?? "",
      status: m.status,
      percentComplete: String(m.percentComplete),
      weight: String(m.weight),
      criticalPath: m.criticalPath ? "on" : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MilestoneEditSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="rounded border border-slate-200 bg-white p-4 lg:col-span-2" aria-labelledby="edit-heading">
      <h2 id="edit-heading" className="mb-3 font-semibold">
        Edit milestone
      </h2>
      {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
      <Form method="post" className="mt-3 space-y-4" {...getFormProps(form)}>
        <UnsavedChangesWarning formId={form.id} />
        <DefaultSubmit />
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="version" value={version} />
        {data?.conflict ? null : <FormErrors errors={form.errors} />}
        <MilestoneFields fields={fields as unknown as MilestoneFieldSet} dependencies={dependencies} lastResult={data?.result} />
        <TextareaField
          label="Why the forecast moves"
          hint={`Required when you change the forecast date (at least ${FORECAST_REASON_MIN} characters); kept in the forecast history.`}
          rows={2}
          errors={fields.forecastReason.errors}
          errorId={fields.forecastReason.errorId}
          {...getTextareaProps(fields.forecastReason)}
        />
        <SubmitButton>Save milestone</SubmitButton>
      </Form>
    </section>
  );
}

function CompleteForm({ version, today, data }: { version: number; today: string; data?: ActionResult }) {
  const [form, fields] = useForm({ id: "milestone-complete", lastResult: data?.result, defaultValue: { actualDate: today } });
  return (
    <section className="rounded border border-slate-200 bg-white p-4">
      <h2 className="mb-3 font-semibold">Mark done</h2>
      {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
      <Form method="post" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="complete" />
        <input type="hidden" name="version" value={version} />
        <Field
          label="Actual date"
          errors={fields.actualDate.errors}
          errorId={fields.actualDate.errorId}
          {...getInputProps(fields.actualDate, { type: "date" })}
        />
        <SubmitButton>Mark done</SubmitButton>
      </Form>
    </section>
  );
}

function RebaselineForm({ version, data }: { version: number; data?: ActionResult }) {
  const [form, fields] = useForm({
    id: "milestone-rebaseline",
    lastResult: data?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RebaselineSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="rounded border border-slate-200 bg-white p-4">
      <h2 className="mb-1 font-semibold">Re-baseline</h2>
      <p className="mb-3 text-sm text-slate-600">Moves the baseline. The old date and your reason are kept in the history.</p>
      {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
      <Form method="post" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="rebaseline" />
        <input type="hidden" name="version" value={version} />
        <Field
          label="New baseline date"
          errors={fields.newBaselineDate.errors}
          errorId={fields.newBaselineDate.errorId}
          {...getInputProps(fields.newBaselineDate, { type: "date" })}
        />
        <TextareaField label="Reason" rows={3} errors={fields.reason.errors} errorId={fields.reason.errorId} {...getTextareaProps(fields.reason)} />
        <SubmitButton>Re-baseline</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
