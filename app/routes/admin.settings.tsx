import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { SecurityCheckSection } from "~/deployment/security-check-section";
import { securityFindings } from "~/deployment/security-check.server";
import { getEnv } from "~/env.server";
import { RiskMatrixFormSchema, withFullMatrixLists } from "~/settings/risk-matrix-form";
import { RiskMatrixSection } from "~/settings/risk-matrix-section";
import { RollupSettingsFormSchema } from "~/settings/rollup-settings";
import { saveRollupSettings } from "~/settings/rollup-settings.server";
import { RollupSettingsSection } from "~/settings/rollup-settings-section";
import { z } from "zod";
import { riskMatrixConflict } from "~/settings/risk-matrix-conflict.server";
import { saveRiskSettings } from "~/settings/risk-settings.server";
import { getProgram, getSettingWithVersion } from "~/settings/settings.server";
import { formatRoleMap, SsoRoleMapFormSchema } from "~/settings/sso-role-map";
import { saveSsoRoleMap } from "~/settings/sso-role-map.server";
import { SsoSection } from "~/settings/sso-section";
import { oidcSettings } from "~/auth/oidc/settings.server";
import { TimeZoneFormSchema } from "~/settings/time-zone";
import { saveTimeZone } from "~/settings/time-zone.server";
import { TimeZoneSection } from "~/settings/time-zone-section";
import { knownTimeZones } from "~/time/zone";
import { VersionConflictError } from "~/utils/concurrency.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { emailStatus, ruleSettingsForm, saveRuleSettings } from "~/notifications/admin.server";
import { parseRuleSettingsForm } from "~/notifications/rules-form";
import { NotificationRulesSection } from "~/notifications/rules-section";

export const access = defineAccess({ loader: "manage:settings", action: "manage:settings" });

export const meta: MetaFunction = () => [{ title: "Settings · Rampart" }];

function rollupSettings() {
  const thresholds = getSettingWithVersion(db, "rag_thresholds");
  return { thresholds: thresholds.value, versions: { thresholdsVersion: thresholds.version } };
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const program = getProgram(db);
  const matrix = getSettingWithVersion(db, "risk_matrix");
  return {
    rollups: rollupSettings(),
    riskMatrix: { matrix: matrix.value, matrixVersion: matrix.version, appetite: program.riskAppetite, programVersion: program.version },
    timeZone: { timeZone: program.timeZone, programVersion: program.version, zones: knownTimeZones() },
    security: securityFindings(getEnv(), Boolean(process.env.RAMPART_SECRET_KEY)),
    sso: ssoSettings(),
    notifications: { ...ruleSettingsForm(db), email: emailStatus(db) },
  };
}

function ssoSettings() {
  const env = getEnv();
  const oidc = oidcSettings(env);
  const map = getSettingWithVersion(db, "sso_role_map");
  return {
    status: {
      configured: Boolean(oidc),
      name: env.OIDC_NAME,
      issuer: oidc?.issuer ?? null,
      clientId: oidc?.clientId ?? null,
      redirectUri: oidc?.redirectUri ?? null,
      rolesClaim: env.OIDC_ROLES_CLAIM,
      localLogin: oidc ? env.LOCAL_LOGIN : ("all" as const),
      provision: env.OIDC_PROVISION,
    },
    rules: formatRoleMap(map.value),
    version: map.version,
  };
}

/**
 * Each section of the page posts its own `intent`; a new section (RAG
 * thresholds, fiscal year) adds its handler here and its component below.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "risk-matrix") {
    const submission = parseWithZod(formData, { schema: RiskMatrixFormSchema });
    if (submission.status !== "success") return Response.json({ intent, result: withFullMatrixLists(submission.reply()) }, { status: 400 });
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
  if (intent === "rollup-settings") {
    const parsed = RollupSettingsFormSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return Response.json({ intent, result: null, errors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    try {
      saveRollupSettings(db, auditContext(user.id, context), parsed.data);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      return Response.json(
        {
          intent,
          result: null,
          formError: "Another administrator saved these settings since you opened the page. The form now shows their values; re-apply your change.",
          // A 409 does not revalidate the loader: hand the form the stored values and versions.
          current: rollupSettings(),
        },
        { status: 409 },
      );
    }
    return redirectWithToast("/admin/settings#rollups", { kind: "success", message: "Thresholds saved." });
  }
  if (intent === "time-zone") {
    const parsed = TimeZoneFormSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return Response.json({ intent, result: null, errors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    try {
      saveTimeZone(db, auditContext(user.id, context), parsed.data);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      return Response.json(
        {
          intent,
          result: null,
          formError: "The programme was changed since you opened the page. The form now shows the stored zone; re-apply your change.",
          current: { timeZone: getProgram(db).timeZone, programVersion: getProgram(db).version },
        },
        { status: 409 },
      );
    }
    return redirectWithToast("/admin/settings#time-zone", { kind: "success", message: `Time zone set to ${getProgram(db).timeZone}.` });
  }
  if (intent === "sso-role-map") {
    const parsed = SsoRoleMapFormSchema.safeParse(Object.fromEntries(formData));
    // A refused mapping comes back as typed, so the administrator corrects a line instead of starting again.
    const typed = String(formData.get("rules") ?? "").slice(0, 20_000);
    if (!parsed.success) return Response.json({ intent, result: null, typed, errors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    try {
      saveSsoRoleMap(db, auditContext(user.id, context), { rules: parsed.data.rules }, parsed.data.version);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      return Response.json(
        {
          intent,
          result: null,
          formError: "Another administrator changed the mapping since you opened the page. The form now shows theirs; re-apply your change.",
          current: ssoSettings(),
        },
        { status: 409 },
      );
    }
    return redirectWithToast("/admin/settings#sso", { kind: "success", message: "Group mapping saved; it applies at each user's next sign-in." });
  }
  if (intent === "notification-rules") {
    const form = ruleSettingsForm(db);
    const parsed = parseRuleSettingsForm(
      Object.fromEntries(formData),
      form.rules.map((r) => r.key),
    );
    if (!parsed.ok) return Response.json({ intent, result: null, errors: parsed.errors }, { status: 400 });
    try {
      saveRuleSettings(db, auditContext(user.id, context), parsed.rules, parsed.version);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      return Response.json(
        {
          intent,
          result: null,
          formError: "Another administrator saved the reminder rules since you opened the page. The form now shows theirs; re-apply your change.",
          current: ruleSettingsForm(db),
        },
        { status: 409 },
      );
    }
    return redirectWithToast("/admin/settings#notifications", { kind: "success", message: "Reminder rules saved." });
  }
  return Response.json({ intent: null, result: null, error: "Unknown settings section." }, { status: 400 });
}

export default function AdminSettings() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "risk-matrix" ? actionData : undefined;
  const rollups =
    actionData?.intent === "rollup-settings" && "current" in actionData && actionData.current ? (actionData.current as typeof data.rollups) : data.rollups;
  const zoneAction =
    actionData?.intent === "time-zone" ? (actionData as { errors?: Record<string, string[]>; formError?: string; current?: typeof data.timeZone }) : undefined;
  const zone = { ...data.timeZone, ...zoneAction?.current };
  const ssoAction =
    actionData?.intent === "sso-role-map"
      ? (actionData as { errors?: Record<string, string[]>; formError?: string; typed?: string; current?: typeof data.sso })
      : undefined;
  const sso = ssoAction?.current ?? data.sso;
  const rulesShown = {
    ...data.notifications,
    ...(actionData?.intent === "notification-rules" && "current" in actionData ? (actionData.current as ReturnType<typeof ruleSettingsForm>) : {}),
  };
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-slate-600">Programme-wide settings. Every change is recorded in the audit trail.</p>
      </header>
      <RollupSettingsSection
        key={JSON.stringify(rollups.versions)}
        {...rollups}
        errors={actionData?.intent === "rollup-settings" && "errors" in actionData ? (actionData.errors as Record<string, string[]>) : undefined}
        formError={actionData?.intent === "rollup-settings" && "formError" in actionData ? String(actionData.formError) : undefined}
      />
      <TimeZoneSection key={`${zone.timeZone}-${zone.programVersion}`} {...zone} errors={zoneAction?.errors?.timeZone} formError={zoneAction?.formError} />
      <RiskMatrixSection
        data={data.riskMatrix}
        lastResult={mine?.result ?? undefined}
        conflict={mine && "conflict" in mine ? mine.conflict : undefined}
        versions={mine && "versions" in mine ? mine.versions : undefined}
      />
      <NotificationRulesSection
        key={rulesShown.version}
        {...rulesShown}
        errors={actionData?.intent === "notification-rules" && "errors" in actionData ? (actionData.errors as Record<string, string[]>) : undefined}
        formError={actionData?.intent === "notification-rules" && "formError" in actionData ? String(actionData.formError) : undefined}
      />
      <SsoSection
        key={`${sso.version}-${ssoAction?.typed ?? ""}`}
        status={sso.status}
        rules={ssoAction?.typed ?? sso.rules}
        version={sso.version}
        errors={ssoAction?.errors?.rules ?? ssoAction?.errors?.version}
        formError={ssoAction?.formError}
      />
      <SecurityCheckSection findings={data.security} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
