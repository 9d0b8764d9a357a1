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
import { db } from "~/db.server";
import { AcceptanceRuleError, requestAcceptance } from "~/risks/acceptances.server";
import { requireRiskForAction } from "~/risks/load-for-action.server";
import { AcceptanceRequestSchema } from "~/risks/risk-schemas";
import { humanize } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "request:risk_acceptance:any", action: "request:risk_acceptance:any" });

export const meta: MetaFunction = () => [{ title: "Request risk acceptance · Rampart" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { risk, appetite } = requireRiskForAction(params.code, user, access.loader);
  return { risk: { code: risk.code, title: risk.title, currentLevel: risk.currentLevel, aboveAppetite: risk.aboveAppetite }, appetite };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const { risk, asOf } = requireRiskForAction(params.code, user, access.action);
  const submission = parseWithZod(await readForm(request), { schema: AcceptanceRequestSchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  try {
    requestAcceptance(db, auditContext(user.id, context), risk, submission.value, asOf);
  } catch (error) {
    if (!(error instanceof AcceptanceRuleError)) throw error;
    const reply = error.field ? submission.reply({ fieldErrors: { [error.field]: [error.message] } }) : submission.reply({ formErrors: [error.message] });
    return Response.json(reply, { status: 400 });
  }
  return redirectWithToast(`/risks/${risk.code}`, { kind: "success", message: `Acceptance of ${risk.code} requested; an executive will decide.` });
}

export default function RequestAcceptance() {
  const { risk, appetite } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: lastResult as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptanceRequestSchema }),
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
        Request acceptance of <span className="font-mono">{risk.code}</span> {risk.title}
      </h1>
      <p className="text-sm text-slate-600">
        Current level {humanize(risk.currentLevel)}; the programme's appetite is {humanize(appetite)}.
        {risk.aboveAppetite
          ? " An executive approves or rejects the request; an approved acceptance lapses on its expiry date."
          : " This risk is within appetite and needs no acceptance."}
      </p>
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextareaField
          label="Justification"
          rows={5}
          errors={fields.justification.errors}
          errorId={fields.justification.errorId}
          {...getTextareaProps(fields.justification)}
        />
        <Field
          label="Accept until"
          errors={fields.expiresOn.errors}
          errorId={fields.expiresOn.errorId}
          {...getInputProps(fields.expiresOn, { type: "date" })}
        />
        <SubmitButton pendingText="Requesting…">Request acceptance</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
