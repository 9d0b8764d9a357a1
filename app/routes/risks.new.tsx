import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, forbidden, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { riskFormOptions } from "~/risks/form-options.server";
import { createRisk, RiskInputError } from "~/risks/mutations.server";
import { RiskForm } from "~/risks/risk-form";
import { NewRiskSchema } from "~/risks/risk-schemas";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:risk:any", action: "update:risk:any" });

export const meta: MetaFunction = () => [{ title: "New risk · Rampart" }];

// Creating a risk is for the CISO office: a lead's `:own` grant covers risks already assigned to them.
function requireCreator(request: Request, permission: typeof access.loader) {
  const user = requireAccess(request, permission);
  if (!canActOnAny(user, permission)) throw forbidden("Only the CISO office can add risks.");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireCreator(request, access.loader);
  return { options: riskFormOptions(db, new URL(request.url)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCreator(request, access.action);
  const submission = parseWithZod(await readForm(request), { schema: NewRiskSchema });
  if (submission.status !== "success") return Response.json(submission.reply(), { status: 400 });
  try {
    const risk = createRisk(db, auditContext(user.id, context), submission.value, todayIso());
    return redirectWithToast(`/risks/${risk.code}`, { kind: "success", message: `${risk.code} added to the register.` });
  } catch (error) {
    if (!(error instanceof RiskInputError)) throw error;
    return Response.json(submission.reply({ fieldErrors: error.fieldErrors }), { status: 400 });
  }
}

export default function NewRisk() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/risks">← Risk register</Link>
      </p>
      <h1 className="text-2xl font-semibold">New risk</h1>
      <RiskForm
        schema={NewRiskSchema}
        mode="create"
        lastResult={lastResult as never}
        options={options}
        canChangeOwner
        defaultValue={
          options.draft ?? {
            status: "open",
            treatment: "mitigate",
            csfFunction: "protect",
            inherentLikelihood: "3",
            inherentImpact: "3",
            currentLikelihood: "3",
            currentImpact: "3",
            targetLikelihood: "2",
            targetImpact: "2",
          }
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
