import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { canActOnAny, requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { riskFormOptions, riskLinkIds } from "~/risks/form-options.server";
import { requireRiskForAction } from "~/risks/load-for-action.server";
import { RiskInputError, updateRisk } from "~/risks/mutations.server";
import { RiskForm } from "~/risks/risk-form";
import { EditRiskSchema } from "~/risks/risk-schemas";
import { conflictData, VersionConflictError } from "~/utils/concurrency.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:risk:any", action: "update:risk:any" });

export const meta: MetaFunction = () => [{ title: "Edit risk · Rampart" }];

const FIELDS = [
  "title",
  "description",
  "category",
  "ownerId",
  "csfFunction",
  "inherentLikelihood",
  "inherentImpact",
  "targetLikelihood",
  "targetImpact",
  "treatment",
  "status",
  "nextReviewDate",
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { risk } = requireRiskForAction(params.code, user, access.loader);
  const options = riskFormOptions(db, new URL(request.url), riskLinkIds(db, risk.id));
  return {
    risk: { code: risk.code, title: risk.title, version: risk.version },
    // After a Find without JavaScript, the form comes back as it was left.
    defaultValue:
      options.draft ??
      Object.fromEntries(FIELDS.map((f) => [f, (risk as Record<string, unknown>)[f] == null ? "" : String((risk as Record<string, unknown>)[f])])),
    options,
    canChangeOwner: canActOnAny(user, access.loader),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const { risk } = requireRiskForAction(params.code, user, access.action);
  const submission = parseWithZod(await readForm(request), { schema: EditRiskSchema });
  if (submission.status !== "success") return Response.json({ result: submission.reply(), conflict: null, version: null }, { status: 400 });
  // A lead edits the risks they own but cannot hand them to someone else.
  const values = canActOnAny(user, access.action) ? submission.value : { ...submission.value, ownerId: risk.ownerId ?? undefined };
  try {
    updateRisk(db, auditContext(user.id, context), risk.id, values);
    return redirectWithToast(`/risks/${risk.code}`, { kind: "success", message: `${risk.code} saved.` });
  } catch (error) {
    if (error instanceof RiskInputError)
      return Response.json({ result: submission.reply({ fieldErrors: error.fieldErrors }), conflict: null, version: null }, { status: 400 });
    if (!(error instanceof VersionConflictError)) throw error;
    return Response.json(
      { result: submission.reply(), conflict: conflictData(error, values, FIELDS), version: Number((error.current as { version: number }).version) },
      { status: 409 },
    );
  }
}

export default function EditRisk() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to={`/risks/${d.risk.code}`}>← {d.risk.code}</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Edit <span className="font-mono">{d.risk.code}</span> {d.risk.title}
      </h1>
      {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
      <RiskForm
        schema={EditRiskSchema}
        mode="edit"
        lastResult={actionData?.result as never}
        options={d.options}
        canChangeOwner={d.canChangeOwner}
        defaultValue={d.defaultValue}
        version={actionData?.version ?? d.risk.version}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
