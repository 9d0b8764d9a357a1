import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DELIVERABLE_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SelectField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { VersionConflict } from "~/components/version-conflict";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { DeliverableCreateSchema, DeliverableEditSchema } from "~/engagements/engagement-schemas";
import { addDeliverable, DELIVERABLE_COMPARED_FIELDS, engagementDetail, updateDeliverable } from "~/engagements/engagements.server";
import { linkedMilestonePicker } from "~/milestones/milestone-picker.server";
import { chosenAfterSubmit, DefaultSubmit, SearchPicker } from "~/components/forms/search-picker";
import { LINKED_MILESTONE_QUERY } from "~/milestones/milestone-schemas";
import { formDraft, type PickerCandidates, type PickerOption } from "~/pickers/picker-params";
import { db } from "~/db.server";
import { formatCents, humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { EvidenceSection } from "~/evidence/evidence-section";
import { evidenceSection } from "~/evidence/section.server";

export const access = defineAccess({ loader: "read:program", action: "update:engagement:any" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.engagement.title ?? "Engagement"} · Rampart` }];

function load(params: { id?: string }) {
  const id = Number(params.id);
  const detail = Number.isSafeInteger(id) && id > 0 ? engagementDetail(db, id, todayIso()) : null;
  if (!detail) throw new Response("Not found", { status: 404 });
  return detail;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const canEdit = roleHasPermission(user.role, access.action);
  const detail = load(params);
  const today = todayIso();
  const evidence = detail.deliverables.map((d) => ({ id: d.id, title: d.title, section: evidenceSection(db, user, "deliverable", d.id, today) }));
  const url = new URL(request.url);
  const picker = canEdit ? linkedMilestonePicker(db, url) : null;
  // After a Find without JavaScript, the new deliverable's form comes back as it was left.
  const draft = picker?.searched ? formDraft(url, ["title", "dueDate", "status", "acceptedDate"] as const) : null;
  return { ...detail, canEdit, milestonePicker: picker, draft, evidence };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const { engagement } = load(params);
  const ctx = auditContext(user.id, context);
  const formData = await readForm(request);
  if (formData.get("intent") === "edit-deliverable") {
    const submission = parseWithZod(formData, { schema: DeliverableEditSchema });
    if (submission.status !== "success") return invalid(submission);
    try {
      updateDeliverable(db, ctx, engagement.id, submission.value);
    } catch (error) {
      return refusal(error, submission, DELIVERABLE_COMPARED_FIELDS);
    }
    return redirectWithToast(`/engagements/${engagement.id}`, { kind: "success", message: "Deliverable saved." });
  }
  const submission = parseWithZod(formData, { schema: DeliverableCreateSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    addDeliverable(db, ctx, engagement.id, submission.value);
  } catch (error) {
    return refusal(error, submission, []);
  }
  return redirectWithToast(`/engagements/${engagement.id}`, { kind: "success", message: "Deliverable added." });
}

export default function EngagementPage() {
  const { engagement: e, actualCents, committedCents, workstreams, deliverables, canEdit, milestonePicker, draft, evidence } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const remaining = e.contractValueCents - actualCents;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm">
          <a href="/engagements">All engagements</a>
        </p>
        <div className="flex flex-wrap items-baseline gap-3">
          <h1 className="text-2xl font-semibold">{e.title}</h1>
          {canEdit ? (
            <a href={`/engagements/${e.id}/edit`} className="no-print ml-auto text-sm">
              Edit engagement
            </a>
          ) : null}
        </div>
        <p className="text-sm text-slate-600">
          {e.vendor} · {humanize(e.kind)} · SOW <span className="font-mono">{e.sowReference}</span> · {e.startDate} – {e.endDate} · {humanize(e.status)} · owner{" "}
          {e.ownerName ?? "—"}
        </p>
        {e.description ? <p className="max-w-4xl text-slate-700">{e.description}</p> : null}
        <p className="text-sm">
          Workstreams:{" "}
          {workstreams.length
            ? workstreams.map((w) => (
                <a key={w.id} href={`/workstreams/${w.code}`} className="mr-2 font-mono">
                  {w.code}
                </a>
              ))
            : "none linked"}
        </p>
      </header>

      <section className="grid gap-3 sm:grid-cols-4" aria-label="Spend against contract">
        <Figure label="Contract value" value={formatCents(e.contractValueCents)} testId="contract-value" />
        <Figure label="Actual spend to date" value={formatCents(actualCents)} testId="actual-to-date" />
        <Figure label="Committed to date" value={formatCents(committedCents)} testId="committed-to-date" />
        <Figure
          label={remaining >= 0 ? "Contract remaining" : "Over contract by"}
          value={formatCents(Math.abs(remaining))}
          tone={remaining < 0 ? "text-red-800" : undefined}
          testId="contract-remaining"
        />
      </section>

      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Deliverables</h2>
        {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
        {data?.intent === "edit-deliverable" && !data.conflict ? <FormErrors errors={Object.values(data.result.error ?? {}).flatMap((v) => v ?? [])} /> : null}
        {deliverables.length ? (
          <table>
            <thead>
              <tr>
                <th>Deliverable</th>
                <th>Due</th>
                <th>Accepted</th>
                <th>Status</th>
                <th>Milestone</th>
                {canEdit ? <th className="no-print">Update</th> : null}
              </tr>
            </thead>
            <tbody>
              {deliverables.map((d) => (
                <tr key={d.id}>
                  <td>{d.title}</td>
                  <td className="whitespace-nowrap tabular-nums">{d.dueDate}</td>
                  <td className="whitespace-nowrap tabular-nums">{d.acceptedDate ?? "—"}</td>
                  <td>{humanize(d.status)}</td>
                  <td>
                    {d.milestoneId ? (
                      <>
                        <a href={`/milestones/${d.milestoneId}`} className="font-mono">
                          {d.milestoneCode}
                        </a>
                        {d.milestoneMoves.map((m) => (
                          <span key={`${m.on}-${m.to}`} className="block text-xs text-amber-900" data-testid="milestone-moved">
                            moved {m.on}: {m.from} → {m.to}
                          </span>
                        ))}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  {canEdit ? (
                    <td className="no-print">
                      <Form method="post" className="flex flex-wrap items-end gap-1 text-xs">
                        <input type="hidden" name="intent" value="edit-deliverable" />
                        <input type="hidden" name="deliverableId" value={d.id} />
                        <input type="hidden" name="version" value={d.version} />
                        <input type="hidden" name="title" value={d.title} />
                        <input type="hidden" name="dueDate" value={d.dueDate} />
                        <input type="hidden" name="milestoneId" value={d.milestoneId ?? ""} />
                        <select
                          name="status"
                          defaultValue={d.status}
                          aria-label={`Status of ${d.title}`}
                          className="rounded border border-slate-300 px-1 py-0.5"
                        >
                          {DELIVERABLE_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {humanize(s)}
                            </option>
                          ))}
                        </select>
                        <input
                          type="date"
                          name="acceptedDate"
                          defaultValue={d.acceptedDate ?? ""}
                          aria-label={`Accepted date of ${d.title}`}
                          className="rounded border border-slate-300 px-1 py-0.5"
                        />
                        <button type="submit" className="rounded bg-slate-700 px-2 py-0.5 text-white">
                          Save
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">No deliverables recorded.</p>
        )}
        {canEdit && milestonePicker ? (
          <AddDeliverable data={data?.intent === "add-deliverable" ? data : undefined} picker={milestonePicker} draft={draft} />
        ) : null}
      </section>
      {evidence.map((d) => (
        <EvidenceSection key={d.id} data={d.section} title={`Evidence: ${d.title}`} />
      ))}
    </div>
  );
}

function AddDeliverable({
  data,
  picker,
  draft,
}: {
  data?: ActionResult;
  picker: { query: string; chosen: PickerOption[]; candidates: PickerCandidates };
  draft: { title: string; dueDate: string; status: string; acceptedDate: string } | null;
}) {
  const [form, fields] = useForm({
    id: "add-deliverable",
    lastResult: data?.result,
    defaultValue: { status: "pending", ...draft },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeliverableCreateSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="no-print mt-4 space-y-3 border-t border-slate-200 pt-4" {...getFormProps(form)}>
      <DefaultSubmit />
      <h3 className="font-semibold">Add a deliverable</h3>
      <input type="hidden" name="intent" value="add-deliverable" />
      <FormErrors errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-5">
        <div className="sm:col-span-2">
          <Field label="Title" errors={fields.title.errors} errorId={fields.title.errorId} {...getInputProps(fields.title, { type: "text" })} />
        </div>
        <Field label="Due date" errors={fields.dueDate.errors} errorId={fields.dueDate.errorId} {...getInputProps(fields.dueDate, { type: "date" })} />
        <SelectField
          label="Status"
          options={DELIVERABLE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
          errors={fields.status.errors}
          errorId={fields.status.errorId}
          {...getSelectProps(fields.status)}
        />
        <Field
          label="Accepted date"
          errors={fields.acceptedDate.errors}
          errorId={fields.acceptedDate.errorId}
          {...getInputProps(fields.acceptedDate, { type: "date" })}
        />
      </div>
      <SearchPicker
        name={fields.milestoneId.name}
        label="Linked milestone"
        single={{ noneLabel: "None" }}
        chosen={chosenAfterSubmit(data?.result, fields.milestoneId.name, picker.chosen, picker.candidates)}
        candidates={picker.candidates}
        queryName={LINKED_MILESTONE_QUERY}
        query={picker.query}
        errors={fields.milestoneId.errors}
        errorId={fields.milestoneId.errorId}
      />
      <SubmitButton>Add deliverable</SubmitButton>
    </Form>
  );
}

function Figure({ label, value, tone, testId }: { label: string; value: string; tone?: string; testId?: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white p-3">
      <p className="text-xs text-slate-500">{label}</p>
      <p className={`text-lg font-semibold tabular-nums ${tone ?? ""}`} data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
