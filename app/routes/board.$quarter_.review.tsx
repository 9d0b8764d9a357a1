import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { type BoardActionData, runStep } from "~/board/action.server";
import { findReport } from "~/board/reports.server";
import { TransitionSchema } from "~/board/schemas";
import { transition } from "~/board/workflow.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

/**
 * The approver's side of the workflow: executives (and admins) approve a
 * report in review or send it back to draft. The CISO office cannot approve
 * its own report, so this route is separate from the report page's action.
 */
export const access = defineAccess({ loader: "approve:board_report", action: "approve:board_report" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review ${data?.report.quarter ?? ""} · Rampart` }];

function load(role: Parameters<typeof findReport>[2], quarter: string | undefined) {
  const report = findReport(db, quarter ?? "", role);
  if (!report) throw new Response("No board report for this quarter.", { status: 404 });
  return report;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const r = load(user.role, params.quarter);
  return {
    report: {
      quarter: r.quarter,
      state: r.state,
      version: r.version,
      summary: r.summary,
      approverName: r.approverName,
      approvedOn: r.approvedOn,
      timeZone: r.timeZone,
    },
  };
}

const ReviewSchema = TransitionSchema.extend({
  intent: TransitionSchema.shape.intent.extract(["approve", "send_back"], { error: "Choose approve or send back." }),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const report = load(user.role, params.quarter);
  const submission = parseWithZod(await readForm(request), { schema: ReviewSchema });
  if (submission.status !== "success")
    return data<BoardActionData>({ result: submission.reply(), error: "Choose approve or send back.", conflict: null }, { status: 400 });
  const { intent, version } = submission.value;
  const ctx = { ...auditContext(user.id, context), actorId: user.id };
  const refused = runStep(() => transition(db, ctx, report.quarter, intent, version, todayIso()), { state: "(as you saw it)" }, ["state"]);
  const message = intent === "approve" ? `${report.quarter} approved.` : `${report.quarter} sent back to draft.`;
  return refused ?? redirectWithToast(`/board/${report.quarter}`, { kind: "success", message });
}

export default function ReviewBoardReport() {
  const { report } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as BoardActionData | undefined;
  const version = actionData?.conflict?.currentVersion ?? report.version;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/board">Board reports</Link> › <Link to={`/board/${report.quarter}`}>{report.quarter}</Link> ›
      </p>
      <h1 className="text-2xl font-semibold">Review board report {report.quarter}</h1>
      <p>
        State: <strong>{humanize(report.state)}</strong>
        {report.approvedOn ? ` · approved by ${report.approverName ?? "—"} on ${report.approvedOn} (${report.timeZone} time)` : ""}
      </p>
      <p className="text-sm text-slate-600">
        Approving freezes the report&apos;s figures and narrative as they are now: publication publishes exactly them, and is refused (the report comes back to
        you) if the data for the quarter changes before then.
      </p>
      {actionData?.error ? <FormErrors errors={[actionData.error]} /> : null}
      {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
      <p className="whitespace-pre-line">{report.summary || "—"}</p>
      <div className="flex gap-2">
        {(
          [
            ["approve", "Approve"],
            ["send_back", "Send back to draft"],
          ] as const
        ).map(([intent, label]) => (
          <Form method="post" key={intent}>
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="intent" value={intent} />
            <SubmitButton pendingText="Working…">{label}</SubmitButton>
          </Form>
        ))}
      </div>
      <p className="text-sm">
        <Link to={`/board/${report.quarter}`}>Read the full report with its figures</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
