import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requirePermission, requireUser } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextareaField } from "~/components/forms/field";
import { VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { requireAcceptanceApprover } from "~/risks/access.server";
import { acceptanceOfRisk, AcceptanceRuleError, decideAcceptance } from "~/risks/acceptances.server";
import { riskAsOf, riskSettingsAsOf } from "~/figures/risks.server";
import { ACCEPTANCE_NOTE_MIN, AcceptanceDecisionSchema } from "~/risks/risk-schemas";
import { conflictData, VersionConflictError } from "~/utils/concurrency.server";
import { humanize } from "~/utils/format";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "approve:risk_acceptance", action: "approve:risk_acceptance" });

export const meta: MetaFunction = () => [{ title: "Decide risk acceptance · Rampart" }];

function requireDecider(request: Request, permission: typeof access.loader) {
  const user = requireUser(request);
  requirePermission(user, permission);
  requireAcceptanceApprover(user);
  return user;
}

function loadAcceptance(code: string | undefined, id: string | undefined) {
  const asOf = todayIso();
  const risk = code ? riskAsOf(db, { asOf, code }) : null;
  const acceptance = risk ? acceptanceOfRisk(db, risk.id, Number(id)) : undefined;
  if (!risk || !acceptance) throw new Response("No such acceptance request.", { status: 404 });
  return { risk, acceptance, asOf };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireDecider(request, access.loader);
  const { risk, acceptance, asOf } = loadAcceptance(params.code, params.id);
  // What is being accepted, stated in full before the decision: the score, its level and the appetite it exceeds.
  const { appetite } = riskSettingsAsOf(db, asOf);
  return {
    asOf,
    appetite,
    risk: {
      code: risk.code,
      title: risk.title,
      description: risk.description,
      ownerName: risk.ownerName,
      treatment: risk.treatment,
      currentLevel: risk.currentLevel,
      currentScore: risk.currentScore,
      currentLikelihood: risk.currentLikelihood,
      currentImpact: risk.currentImpact,
      targetLevel: risk.targetLevel,
      aboveAppetite: risk.aboveAppetite,
    },
    acceptance,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireDecider(request, access.action);
  const { risk, acceptance, asOf } = loadAcceptance(params.code, params.id);
  const submission = parseWithZod(await readForm(request), { schema: AcceptanceDecisionSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply(), conflict: null }, { status: 400 });
  try {
    const after = decideAcceptance(db, auditContext(user.id, context), acceptance.id, submission.value, asOf);
    // Back where the decision was taken from: the inbox when it came from there, else the risk.
    const back = new URL(request.url).searchParams.get("from") === "inbox" ? "/inbox" : `/risks/${risk.code}`;
    return redirectWithToast(back, { kind: "success", message: `Acceptance of ${risk.code} ${after.state}.` });
  } catch (error) {
    if (error instanceof AcceptanceRuleError)
      return Response.json({ result: submission.reply({ formErrors: [error.message] }), conflict: null }, { status: 400 });
    if (!(error instanceof VersionConflictError)) throw error;
    return Response.json(
      { result: submission.reply(), conflict: conflictData(error, { state: "requested" }, ["state", "decisionNote", "expiresOn"]) },
      { status: 409 },
    );
  }
}

export default function DecideAcceptance() {
  const { risk, acceptance, appetite, asOf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptanceDecisionSchema }),
  });
  return (
    <div className="max-w-xl space-y-4">
      <p className="text-sm">
        <Link to={`/risks/${risk.code}`}>← {risk.code}</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Accept <span className="font-mono">{risk.code}</span> {risk.title}?
      </h1>
      {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
      <dl className="grid grid-cols-3 gap-2 rounded border border-slate-200 bg-white p-4 text-sm" data-testid="acceptance-facts">
        <dt className="text-slate-500">The risk</dt>
        <dd className="col-span-2 whitespace-pre-line">{risk.description || risk.title}</dd>
        <dt className="text-slate-500">Current score</dt>
        <dd className="col-span-2" data-testid="acceptance-score">
          {risk.currentScore} (likelihood {risk.currentLikelihood} × impact {risk.currentImpact}), {humanize(risk.currentLevel)}
        </dd>
        <dt className="text-slate-500">Risk appetite</dt>
        <dd className="col-span-2" data-testid="acceptance-appetite">
          {humanize(appetite)} or lower, as of {asOf}: this risk is {risk.aboveAppetite ? "above" : "within"} appetite
        </dd>
        <dt className="text-slate-500">Target</dt>
        <dd className="col-span-2">
          {humanize(risk.targetLevel)} · treatment {humanize(risk.treatment)} · owner {risk.ownerName ?? "—"}
        </dd>
        <dt className="text-slate-500">Justification</dt>
        <dd className="col-span-2 whitespace-pre-line">{acceptance.justification}</dd>
        <dt className="text-slate-500">Accepted until</dt>
        <dd className="col-span-2">{acceptance.expiresOn}</dd>
        <dt className="text-slate-500">State</dt>
        <dd className="col-span-2">{humanize(acceptance.state)}</dd>
      </dl>
      {acceptance.state === "requested" ? (
        <Form method="post" className="space-y-3 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="version" value={acceptance.version} />
          <TextareaField
            label="Decision note"
            hint={`Required to approve (at least ${ACCEPTANCE_NOTE_MIN} characters): what you accept, and why. Kept in the audit trail.`}
            rows={3}
            errors={fields.decisionNote.errors}
            errorId={fields.decisionNote.errorId}
            {...getTextareaProps(fields.decisionNote)}
          />
          <div className="flex gap-2">
            <button type="submit" name="intent" value="approve" className="rounded bg-sky-800 px-3 py-1.5 text-sm font-medium text-white">
              Approve
            </button>
            <button type="submit" name="intent" value="reject" className="rounded border border-slate-400 px-3 py-1.5 text-sm">
              Reject
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
