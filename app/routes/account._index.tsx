import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { API_SCOPE_INFO, scopesForRole } from "~/auth/api-scopes";
import { ApiTokenFormSchema, createTokenAfterReauth } from "~/auth/api-token-form.server";
import { listApiTokens, revokeApiToken } from "~/auth/api-tokens.server";
import { ApiTokensSection, type ApiTokenFormErrors } from "~/components/api-tokens-section";
import { changePassword, listAccountSessions, revokeAllSessions, revokeOwnSession } from "~/auth/account.server";
import { PasswordLengthSchema } from "~/auth/password-policy";
import { NewPasswordSchema } from "~/auth/password-policy.server";
import { retryAfterFrom } from "~/auth/retry-after";
import { auditContext } from "~/auth/request-info.server";
import { mfaRequiredFor, requireUser } from "~/auth/require.server";
import { clearSessionCookie } from "~/auth/session.server";
import { ThrottledError, tooManyRequests } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { humanize } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";
import { db } from "~/db.server";
import { mailConfig } from "~/mail/config.server";
import { PreferencesFormSchema } from "~/notifications/preferences-form";
import { getPreferences, savePreferences } from "~/notifications/preferences.server";
import { NotificationPreferencesSection } from "~/notifications/preferences-section";
import { programmeTimeZone } from "~/time/today.server";
import { knownTimeZones } from "~/time/zone";
import { VersionConflictError } from "~/utils/concurrency.server";

export const access = defineAccess({ loader: "signed-in", action: "signed-in" });

export const meta: MetaFunction = () => [{ title: "Your account · Rampart" }];

// Session details and password forms: never kept by a browser or proxy cache.
export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => ({ "Cache-Control": "no-store", ...retryAfterFrom(errorHeaders, actionHeaders) });

function passwordChangeSchema(newPassword: z.ZodType<string>) {
  return z
    .object({
      currentPassword: z.string({ error: "Enter your current password." }).max(256, "That password is too long."),
      newPassword,
      confirmPassword: z.string({ error: "Enter the new password again." }),
    })
    .refine((v) => v.newPassword === v.confirmPassword, { message: "The two new passwords differ.", path: ["confirmPassword"] });
}
// The browser checks length only; the list of common passwords stays on the server.
const PasswordChangeSchema = passwordChangeSchema(PasswordLengthSchema);
const PasswordChangeServerSchema = passwordChangeSchema(NewPasswordSchema);

// Session ids are the hex SHA-256 stored in the table.
const SessionIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return {
    account: { name: user.name, email: user.email, role: user.role },
    mfa: { enabled: Boolean(user.mfaEnabledAt), required: mfaRequiredFor(user.role) },
    sessions: listAccountSessions(user),
    apiTokens: listApiTokens(user.id),
    apiScopes: scopesForRole(user.role).map((scope) => ({ scope, label: API_SCOPE_INFO[scope].label })),
    notificationPreferences: notificationPreferences(user.id),
  };
}

function notificationPreferences(userId: number) {
  return { ...getPreferences(db, userId), programmeTimeZone: programmeTimeZone(db), emailEnabled: mailConfig().enabled, zones: knownTimeZones() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request);
  const ctx = auditContext(user.id, context);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "change-password") {
    const submission = parseWithZod(formData, { schema: PasswordChangeServerSchema });
    const hidden = { hideFields: ["currentPassword", "newPassword", "confirmPassword"] };
    if (submission.status !== "success") return data({ result: submission.reply(hidden) }, { status: 400 });
    let outcome;
    try {
      outcome = await changePassword(user, submission.value, ctx);
    } catch (error) {
      if (error instanceof ThrottledError) return tooManyRequests(error);
      throw error;
    }
    if (outcome === "wrong-current") {
      return data({ result: submission.reply({ ...hidden, fieldErrors: { currentPassword: ["That is not your current password."] } }) }, { status: 400 });
    }
    if (outcome === "unchanged") {
      return data(
        { result: submission.reply({ ...hidden, fieldErrors: { newPassword: ["Choose a password different from your current one."] } }) },
        { status: 400 },
      );
    }
    return redirectWithToast("/account", {
      kind: "success",
      message: "Password changed. Your other sessions have been signed out and your API tokens revoked.",
    });
  }

  if (intent === "notification-preferences") {
    const parsed = PreferencesFormSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data({ preferenceErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    try {
      savePreferences(db, ctx, user.id, parsed.data);
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      return data(
        {
          preferenceError: "You changed these preferences in another window. The form now shows what is saved; re-apply your change.",
          preferences: notificationPreferences(user.id),
        },
        { status: 409 },
      );
    }
    return redirectWithToast("/account#notifications", { kind: "success", message: "Email preferences saved." });
  }

  if (intent === "revoke-session") {
    const sessionId = SessionIdSchema.safeParse(formData.get("sessionId"));
    if (!sessionId.success || !revokeOwnSession(user, sessionId.data, ctx)) throw new Response("No such session of yours.", { status: 404 });
    if (sessionId.data === user.sessionId) throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(request) } });
    return redirectWithToast("/account", { kind: "success", message: "That session has been signed out." });
  }

  if (intent === "create-api-token") {
    const submission = ApiTokenFormSchema.safeParse({
      tokenName: formData.get("tokenName"),
      expiresInDays: formData.get("expiresInDays"),
      scopes: formData.getAll("scope"),
      confirmation: formData.get("confirmation"),
    });
    if (!submission.success) {
      const tokenErrors: ApiTokenFormErrors = {};
      for (const issue of submission.error.issues) tokenErrors[String(issue.path[0]) as keyof ApiTokenFormErrors] ??= issue.message;
      return data({ tokenErrors }, { status: 400 });
    }
    let outcome;
    try {
      outcome = await createTokenAfterReauth(user, submission.data, ctx);
    } catch (error) {
      if (error instanceof ThrottledError) return tooManyRequests(error);
      throw error;
    }
    if (!outcome.ok) return data({ tokenErrors: outcome.errors }, { status: outcome.status });
    // The token is returned in this response only (never in a cookie, log or audit event).
    return data({ createdToken: outcome.created });
  }

  if (intent === "revoke-api-token") {
    const tokenId = z.coerce.number().int().positive().safeParse(formData.get("tokenId"));
    if (!tokenId.success || !revokeApiToken(user.id, tokenId.data, ctx)) throw new Response("No such active token of yours.", { status: 404 });
    return redirectWithToast("/account", { kind: "success", message: "API token revoked." });
  }

  if (intent === "revoke-all-sessions") {
    revokeAllSessions(user, ctx);
    return redirectWithToast(
      "/login",
      { kind: "info", message: "You have been signed out everywhere." },
      { headers: { "Set-Cookie": clearSessionCookie(request) } },
    );
  }

  throw new Response("Unknown form action.", { status: 400 });
}

export default function Account() {
  const { account, mfa, sessions, apiTokens, apiScopes, notificationPreferences: savedPreferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    | {
        createdToken?: { name: string; token: string; expiresAt: string; scopes: string[] };
        tokenErrors?: ApiTokenFormErrors;
        preferenceErrors?: Record<string, string[] | undefined>;
        preferenceError?: string;
        preferences?: typeof savedPreferences;
      }
    | undefined;
  const preferences = actionData?.preferences ?? savedPreferences;
  return (
    <div className="max-w-3xl space-y-8">
      <header>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-500">Name</dt>
          <dd>{account.name}</dd>
          <dt className="text-slate-500">Email</dt>
          <dd>{account.email}</dd>
          <dt className="text-slate-500">Role</dt>
          <dd>{humanize(account.role)}</dd>
        </dl>
      </header>
      <PasswordSection />
      <MfaSection {...mfa} />
      <SessionsSection sessions={sessions} />
      <ApiTokensSection
        tokens={apiTokens}
        scopes={apiScopes}
        mfaEnabled={mfa.enabled}
        created={actionData?.createdToken ?? null}
        errors={actionData?.tokenErrors ?? {}}
      />
      <NotificationPreferencesSection
        key={preferences.version}
        {...preferences}
        errors={actionData?.preferenceErrors}
        formError={actionData?.preferenceError}
      />
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

function PasswordSection() {
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "result" in actionData ? (actionData.result as SubmissionResult<string[]>) : undefined;
  const [form, fields] = useForm({
    id: "change-password",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
    // Re-check on input, not on blur: a blur-time check that clears an error moves the
    // button between mousedown and click, and the click is lost (as on the log-in page).
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Section id="password" title="Password">
      <p className="text-sm text-slate-600">
        Use 12 or more characters that you use nowhere else. Changing it signs out your other sessions and revokes your API tokens.
      </p>
      <Form method="post" className="mt-4 max-w-sm space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-password" />
        <FormErrors errors={form.errors} />
        <Field
          label="Current password"
          autoComplete="current-password"
          errors={fields.currentPassword.errors}
          errorId={fields.currentPassword.errorId}
          {...getInputProps(fields.currentPassword, { type: "password" })}
        />
        <Field
          label="New password"
          autoComplete="new-password"
          errors={fields.newPassword.errors}
          errorId={fields.newPassword.errorId}
          {...getInputProps(fields.newPassword, { type: "password" })}
        />
        <Field
          label="New password again"
          autoComplete="new-password"
          errors={fields.confirmPassword.errors}
          errorId={fields.confirmPassword.errorId}
          {...getInputProps(fields.confirmPassword, { type: "password" })}
        />
        <SubmitButton pendingText="Changing…">Change password</SubmitButton>
      </Form>
    </Section>
  );
}

function MfaSection({ enabled, required }: { enabled: boolean; required: boolean }) {
  return (
    <Section id="mfa" title="Two-step verification">
      <p className="text-sm text-slate-700">
        {enabled ? "On: signing in asks for a code from your authenticator app." : "Off: signing in asks for your password only."}
        {required ? " Your role requires it." : null}
      </p>
      <p className="mt-3 text-sm">
        <Link to="/account/mfa">{enabled ? "Manage two-step verification" : "Set up two-step verification"}</Link>
      </p>
    </Section>
  );
}

type SessionRow = ReturnType<typeof useLoaderData<typeof loader>>["sessions"][number];

function SessionsSection({ sessions }: { sessions: SessionRow[] }) {
  return (
    <Section id="sessions" title="Active sessions">
      <p className="text-sm text-slate-600">
        Every browser signed in to your account. Sign out any you do not recognise, then change your password. Signing out everywhere also revokes your API
        tokens.
      </p>
      <table className="mt-4 w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Signed in</th>
            <th className="py-1 pr-3 font-medium">Expires</th>
            <th className="py-1 pr-3 font-medium">Address</th>
            <th className="py-1 pr-3 font-medium">Browser</th>
            <th className="py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3">
                <time dateTime={s.createdAt}>{formatInstant(s.createdAt)}</time>
                {s.current ? <span className="ml-2 rounded bg-sky-100 px-1.5 text-xs text-sky-900">This session</span> : null}
                {s.mfaVerified ? null : <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">Waiting for second step</span>}
              </td>
              <td className="py-2 pr-3">
                <time dateTime={s.expiresAt}>{formatInstant(s.expiresAt)}</time>
              </td>
              <td className="py-2 pr-3">{s.ip ?? "unknown"}</td>
              <td className="max-w-xs truncate py-2 pr-3" title={s.userAgent ?? undefined}>
                {s.userAgent ?? "unknown"}
              </td>
              <td className="py-2">
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-session" />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
                    Sign out
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="mt-4">
        <input type="hidden" name="intent" value="revoke-all-sessions" />
        <button type="submit" className="rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">
          Sign out everywhere
        </button>
      </Form>
    </Section>
  );
}

// Instants are stored in UTC and shown in UTC, so the server and the browser render the same text.
function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
