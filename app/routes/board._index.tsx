import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { type BoardActionData, runStep } from "~/board/action.server";
import { listReports, quartersWithoutReport } from "~/board/reports.server";
import { GenerateSchema } from "~/board/schemas";
import { generateDraft } from "~/board/workflow.server";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { RagBadge } from "~/components/rag-badge";
import { db } from "~/db.server";
import { humanize } from "~/utils/format";
import { programmeTimeZone, todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "read:board_report:published", action: "update:board_report" });

export const meta: MetaFunction = () => [{ title: "Board reports · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const canGenerate = roleHasPermission(user.role, "update:board_report");
  return {
    reports: listReports(db, user.role),
    quarters: canGenerate ? quartersWithoutReport(db, todayIso()) : [],
    canGenerate,
    timeZone: programmeTimeZone(db),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const submission = parseWithZod(await readForm(request), { schema: GenerateSchema });
  if (submission.status !== "success") return data<BoardActionData>({ result: submission.reply(), error: null, conflict: null }, { status: 400 });
  const { quarter } = submission.value;
  const ctx = { ...auditContext(user.id, context), actorId: user.id };
  const refused = runStep(() => generateDraft(db, ctx, quarter, todayIso()), submission.value, [], submission.reply());
  return refused ?? redirectWithToast(`/board/${quarter}`, { kind: "success", message: `Draft for ${quarter} created with live figures.` });
}

export default function BoardReports() {
  const { reports, quarters, canGenerate, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Board reports</h1>
        <p className="text-sm text-slate-600">
          Each report&apos;s figures are frozen when an executive approves it and published exactly as approved, sealed by the SHA-256 of its figures,
          narrative, approver and dates.
        </p>
        <p className="text-xs text-slate-500" data-testid="time-zone-note">
          Dates are in {timeZone} time.
        </p>
      </header>
      {canGenerate ? <GenerateForm quarters={quarters} /> : null}
      {reports.length ? (
        <table>
          <thead>
            <tr>
              <th>Quarter</th>
              <th>State</th>
              <th>Published</th>
              <th>Approved by</th>
              <th>Overall health</th>
              <th>Content hash</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} data-testid={`board-report-${r.quarter}`}>
                <td>
                  <Link to={`/board/${r.quarter}`}>{r.quarter}</Link>
                </td>
                <td>{humanize(r.state)}</td>
                <td>{r.publishedOn ?? "—"}</td>
                <td>{r.approverName ?? "—"}</td>
                <td>{r.overall ? <RagBadge rag={r.overall} /> : "—"}</td>
                <td className="font-mono text-xs" title={r.contentHash ?? undefined}>
                  {r.contentHash ? r.contentHash.slice(0, 12) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No board report has been published yet.</p>
      )}
    </div>
  );
}

function GenerateForm({ quarters }: { quarters: string[] }) {
  const actionData = useActionData<typeof action>() as BoardActionData | undefined;
  const [form, fields] = useForm({
    lastResult: actionData?.result as never,
    defaultValue: { quarter: quarters[0] ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GenerateSchema }),
  });
  if (!quarters.length) return <p className="text-sm text-slate-600">Every quarter up to today has a report.</p>;
  return (
    <Form method="post" className="flex items-end gap-3 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
      <FormErrors errors={actionData?.error ? [actionData.error, ...(form.errors ?? [])] : form.errors} />
      <input type="hidden" name="intent" value="generate" />
      <SelectField
        label="Quarter"
        errors={fields.quarter.errors}
        errorId={fields.quarter.errorId}
        options={quarters.map((q) => ({ value: q, label: q }))}
        {...getSelectProps(fields.quarter)}
      />
      <SubmitButton pendingText="Generating…">Generate draft</SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
