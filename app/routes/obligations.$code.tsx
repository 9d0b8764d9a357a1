import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OBLIGATION_STATUSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, TextareaField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ConflictData, VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { Forecast, Progress } from "~/obligations/obligation-progress";
import { getObligation } from "~/obligations/obligations.server";
import { OBLIGATION_EDIT_FIELDS, ObligationUpdateSchema } from "~/obligations/update-schema";
import { updateObligation } from "~/obligations/update.server";
import { conflictData, VersionConflictError } from "~/utils/concurrency.server";
import { formatCents, humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { EvidenceSection } from "~/evidence/evidence-section";
import { MeasureEvidenceBadge } from "~/evidence/measure-evidence-state";
import { evidenceSection } from "~/evidence/section.server";
import { obligationEvidenceState } from "~/figures/obligations-evidence.server";

export const access = defineAccess({ loader: "read:program", action: "update:obligation:any" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.obligation.code ?? "Obligation"} · Rampart` }];

function load(code: string | undefined) {
  const found = code ? getObligation(db, code, todayIso()) : null;
  if (!found) throw new Response("No obligation with this code.", { status: 404 });
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const found = load(params.code);
  const asOf = todayIso();
  return {
    ...found,
    canEdit: roleHasPermission(user.role, access.action),
    asOf,
    evidence: evidenceSection(db, user, "obligation", found.obligation.id, asOf),
    evidenceState: obligationEvidenceState(db, found.obligation, asOf),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const { obligation } = load(params.code);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ObligationUpdateSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null as ConflictData | null }, { status: 400 });
  try {
    updateObligation(db, auditContext(user.id, context), obligation.id, submission.value);
  } catch (error) {
    if (error instanceof VersionConflictError) {
      return data(
        { result: submission.reply(), conflict: conflictData(error, submission.value, OBLIGATION_EDIT_FIELDS) as ConflictData | null },
        { status: 409 },
      );
    }
    throw error;
  }
  return redirectWithToast(`/obligations/${obligation.code}`, { kind: "success", message: `${obligation.code} saved.` });
}

export default function ObligationDetail() {
  const { obligation: o, linkedWorkstreams, linkedMilestones, canEdit, asOf, evidence, evidenceState } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/obligations">Obligations</Link> ›
        </p>
        <h1 className="text-2xl font-semibold">
          <span className="font-mono">{o.code}</span> {o.title}
        </h1>
        <p className="text-sm text-slate-500">
          {humanize(o.source)} · {o.sourceReference} · {humanize(o.kind)} · status {humanize(o.status)}
          {o.dueDate ? ` · due ${o.dueDate}` : ""} · owner {o.ownerName ?? "—"}
        </p>
        <p className="mt-2 max-w-4xl">{o.text}</p>
      </header>

      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Progress as of {asOf}</h2>
        <Progress o={o} />
        <p className="mt-2 text-sm">
          <Forecast o={o} />
        </p>
        {o.spend ? (
          <p className="mt-2 text-sm text-slate-600">
            Counts {o.spend.invoices} invoice(s) dated {o.windowStart} to {o.windowEnd}
            {o.spendTag ? ` tagged "${o.spendTag}"` : ""}
            {o.spendCategory ? `, category ${o.spendCategory}` : ""}
            {linkedWorkstreams.length ? `, on workstreams ${linkedWorkstreams.map((w) => w.code).join(", ")}` : ""}. Target {formatCents(o.spend.targetCents)}.
          </p>
        ) : null}
      </section>

      {linkedWorkstreams.length ? (
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Workstreams</h2>
          <ul className="list-disc pl-6">
            {linkedWorkstreams.map((w) => (
              <li key={w.id}>
                <Link to={`/workstreams/${w.code}`}>
                  {w.code} {w.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {linkedMilestones.length ? (
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-lg font-semibold">Linked milestones</h2>
          <table>
            <thead>
              <tr>
                <th>Milestone</th>
                <th>Workstream</th>
                <th>Status</th>
                <th>Baseline</th>
                <th>Forecast</th>
                <th>Actual</th>
                <th>Slipped</th>
              </tr>
            </thead>
            <tbody>
              {linkedMilestones.map((m) => (
                <tr key={m.code}>
                  <td>
                    <span className="font-mono">{m.code}</span> {m.title}
                  </td>
                  <td>{m.workstreamCode}</td>
                  <td>{humanize(m.status)}</td>
                  <td>{m.baselineDate}</td>
                  <td>{m.forecastDate ?? "—"}</td>
                  <td>{m.actualDate ?? "—"}</td>
                  <td>{m.slipped ? "Yes" : "No"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <EvidenceSection data={evidence}>
        {evidenceState ? (
          <MeasureEvidenceBadge state={evidenceState.state} current={evidenceState.coverage.current} expired={evidenceState.coverage.expired} />
        ) : null}
      </EvidenceSection>

      <section className="rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-lg font-semibold">Evidence notes</h2>
        {canEdit ? (
          <EditForm status={o.status} evidenceNotes={o.evidenceNotes} version={o.version} />
        ) : (
          <p className="whitespace-pre-line">{o.evidenceNotes || "—"}</p>
        )}
      </section>
    </div>
  );
}

function EditForm({ status, evidenceNotes, version }: { status: string; evidenceNotes: string; version: number }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result as never,
    defaultValue: { status, evidenceNotes, version: String(version) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ObligationUpdateSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="space-y-3" {...getFormProps(form)}>
      {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
      <FormErrors errors={form.errors} />
      {/* After a conflict the form carries the current version, so submitting again applies the change on top of theirs. */}
      <input type="hidden" name="version" value={actionData?.conflict?.currentVersion ?? version} />
      <SelectField
        label="Status"
        errors={fields.status.errors}
        errorId={fields.status.errorId}
        options={OBLIGATION_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
        {...getSelectProps(fields.status)}
      />
      <TextareaField
        label="Evidence notes"
        rows={6}
        errors={fields.evidenceNotes.errors}
        errorId={fields.evidenceNotes.errorId}
        {...getTextareaProps(fields.evidenceNotes)}
      />
      <SubmitButton>Save</SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
