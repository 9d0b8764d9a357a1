import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requirePermission, requireUser } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { RiskMatrixFormSchema } from "~/settings/risk-matrix-form";
import { RiskMatrixSection } from "~/settings/risk-matrix-section";
import { riskMatrixConflict } from "~/settings/risk-matrix-conflict.server";
import { saveRiskSettings } from "~/settings/risk-settings.server";
import { getProgram, getSettingWithVersion } from "~/settings/settings.server";
import { VersionConflictError } from "~/utils/concurrency.server";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "manage:settings", action: "manage:settings" });

export const meta: MetaFunction = () => [{ title: "Settings · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  requirePermission(user, access.loader);
  const program = getProgram(db);
  const matrix = getSettingWithVersion(db, "risk_matrix");
  return {
    riskMatrix: { matrix: matrix.value, matrixVersion: matrix.version, appetite: program.riskAppetite, programVersion: program.version },
  };
}

/**
 * Each section of the page posts its own `intent`; a new section (RAG
 * thresholds, fiscal year) adds its handler here and its component below.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  requirePermission(user, access.action);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "risk-matrix") {
    const submission = parseWithZod(formData, { schema: RiskMatrixFormSchema });
    if (submission.status !== "success") return Response.json({ intent, result: submission.reply() }, { status: 400 });
    const { matrixVersion, programVersion, appetite, likelihoodLabels, impactLabels, cells, colours } = submission.value;
    const matrix = { likelihoodLabels, impactLabels, cells, colours };
    try {
      const { relevelled } = saveRiskSettings(db, auditContext(user.id, context), { matrix, matrixVersion, appetite, programVersion });
      const message = `Risk matrix saved; ${relevelled.length} risk${relevelled.length === 1 ? "" : "s"} re-levelled.`;
      return redirectWithToast("/admin/settings#risk-matrix", { kind: "success", message });
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      return Response.json(
        {
          intent,
          result: submission.reply(),
          conflict: riskMatrixConflict(db, error, { ...matrix, riskAppetite: appetite }),
          // A 409 does not revalidate the loader, so the form takes the stored versions from here.
          versions: { matrixVersion: getSettingWithVersion(db, "risk_matrix").version, programVersion: getProgram(db).version },
        },
        { status: 409 },
      );
    }
  }
  return Response.json({ intent: null, result: null, error: "Unknown settings section." }, { status: 400 });
}

export default function AdminSettings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "risk-matrix" ? actionData : undefined;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-slate-600">Programme-wide settings. Every change is recorded in the audit trail.</p>
      </header>
      <RiskMatrixSection
        data={data.riskMatrix}
        lastResult={mine?.result ?? undefined}
        conflict={mine && "conflict" in mine ? mine.conflict : undefined}
        versions={mine && "versions" in mine ? mine.versions : undefined}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
