import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, TextareaField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { requireRiskForAction } from "~/risks/load-for-action.server";
import { rescoreRisk, RiskInputError } from "~/risks/mutations.server";
import { RescoreSchema } from "~/risks/risk-schemas";
import { getSetting } from "~/settings/settings.server";
import { conflictData, VersionConflictError } from "~/utils/concurrency.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:risk:any", action: "update:risk:any" });

export const meta: MetaFunction = () => [{ title: "Re-score risk · Rampart" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { risk, asOf } = requireRiskForAction(params.code, user, access.loader);
  return {
    risk: { code: risk.code, title: risk.title, version: risk.version, l: risk.currentLikelihood, i: risk.currentImpact },
    asOf,
    matrix: getSetting(db, "risk_matrix"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const { risk } = requireRiskForAction(params.code, user, access.action);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: RescoreSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply(), conflict: null, version: null }, { status: 400 });
  try {
    const { risk: after } = rescoreRisk(db, auditContext(user.id, context), risk.id, submission.value);
    return redirectWithToast(`/risks/${risk.code}`, {
      kind: "success",
      message: `${risk.code} re-scored: ${after.currentLikelihood} × ${after.currentImpact}, ${after.currentLevel}.`,
    });
  } catch (error) {
    // A date outside the programme's range is refused by rescoreRisk, beside the date field.
    if (error instanceof RiskInputError) {
      return Response.json({ result: submission.reply({ fieldErrors: error.fieldErrors }), conflict: null, version: null }, { status: 400 });
    }
    if (!(error instanceof VersionConflictError)) throw error;
    const submitted = { currentLikelihood: submission.value.likelihood, currentImpact: submission.value.impact };
    return Response.json(
      {
        result: submission.reply(),
        conflict: conflictData(error, submitted, ["currentLikelihood", "currentImpact", "currentLevel"]),
        version: Number((error.current as { version: number }).version),
      },
      { status: 409 },
    );
  }
}

export default function Rescore() {
  const { risk, asOf, matrix } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result as never,
    defaultValue: { assessedOn: asOf, likelihood: String(risk.l), impact: String(risk.i) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RescoreSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-xl space-y-4">
      <p className="text-sm">
        <Link to={`/risks/${risk.code}`}>← {risk.code}</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Re-score <span className="font-mono">{risk.code}</span> {risk.title}
      </h1>
      <p className="text-sm text-slate-600">
        Now {risk.l} × {risk.i}. Likelihood 1 = {matrix.likelihoodLabels[0]} … 5 = {matrix.likelihoodLabels[4]}; impact 1 = {matrix.impactLabels[0]} … 5 ={" "}
        {matrix.impactLabels[4]}.
      </p>
      {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="version" value={actionData?.version ?? risk.version} />
        <Field
          label="Assessed on"
          errors={fields.assessedOn.errors}
          errorId={fields.assessedOn.errorId}
          {...getInputProps(fields.assessedOn, { type: "date" })}
        />
        <div className="grid grid-cols-2 gap-4">
          <Field
            label="Likelihood (1–5)"
            errors={fields.likelihood.errors}
            errorId={fields.likelihood.errorId}
            {...getInputProps(fields.likelihood, { type: "number" })}
          />
          <Field label="Impact (1–5)" errors={fields.impact.errors} errorId={fields.impact.errorId} {...getInputProps(fields.impact, { type: "number" })} />
        </div>
        <TextareaField label="Rationale" rows={4} errors={fields.rationale.errors} errorId={fields.rationale.errorId} {...getTextareaProps(fields.rationale)} />
        <SubmitButton pendingText="Recording…">Record assessment</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
