import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { writeAudit } from "~/audit/log.server";
import { defineAccess } from "~/auth/access";
import { attemptLogin, LOGIN_FAILED_MESSAGE } from "~/auth/login.server";
import { localLoginMode, oidcSettings } from "~/auth/oidc/settings.server";
import { homePathFor } from "~/auth/permissions";
import { retryAfterFrom } from "~/auth/retry-after";
import { auditContext } from "~/auth/request-info.server";
import { getOptionalUser } from "~/auth/require.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { retryAfterHeaders, ThrottledError } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { safeRedirect } from "~/utils/redirect";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "public", action: "public" });

// A 429 keeps its Retry-After in the page response.
export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => retryAfterFrom(errorHeaders, actionHeaders);

export const meta: MetaFunction = () => [{ title: "Sign in · Rampart" }];

const LoginSchema = z.object({
  email: z.string({ error: "Enter your email address." }).trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  password: z.string({ error: "Enter your password." }).max(256, "That password is too long."),
  // Never a reason to refuse the sign-in: safeRedirect judges the target and falls back to the home page.
  redirectTo: z.string().max(4096).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), homePathFor(user.role)));
  const sso = oidcSettings();
  return { sso: sso ? { name: sso.name } : null, localLogin: localLoginMode() };
}

/** The password form's answer when LOCAL_LOGIN keeps this account to single sign-on (after the password checked out, so it reveals nothing to a guesser). */
function passwordRefusal(role: string): string | null {
  const mode = localLoginMode();
  if (mode === "all" || (mode === "admins" && role === "admin")) return null;
  return `Sign in with ${oidcSettings()?.name ?? "single sign-on"}: passwords are ${mode === "admins" ? "kept for administrators" : "turned off"} on this server.`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return Response.json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const ctx = auditContext(null, context);
  let user;
  try {
    user = await attemptLogin(email, password, ctx);
  } catch (error) {
    // The form shows why and for how long; Retry-After tells scripts the same.
    if (error instanceof ThrottledError) {
      return Response.json(submission.reply({ formErrors: [error.message], hideFields: ["password"] }), { status: 429, headers: retryAfterHeaders(error) });
    }
    throw error;
  }
  if (!user) {
    return Response.json(submission.reply({ formErrors: [LOGIN_FAILED_MESSAGE], hideFields: ["password"] }), { status: 400 });
  }
  const refusal = passwordRefusal(user.role);
  if (refusal) {
    writeAudit(
      db,
      { ...ctx, actorId: user.id },
      { action: "auth.login_refused", entity: "user", entityId: user.id, after: { reason: "local_login", mode: localLoginMode() } },
    );
    return Response.json(submission.reply({ formErrors: [refusal], hideFields: ["password"] }), { status: 403 });
  }
  const mfaPending = Boolean(user.mfaEnabledAt);
  const { token, session } = createSession(user.id, { mfaVerified: !mfaPending, ip: ctx.ip, userAgent: request.headers.get("user-agent") });
  writeAudit(db, { ...ctx, actorId: user.id }, { action: mfaPending ? "auth.password_ok" : "auth.login", entity: "user", entityId: user.id });
  const target = mfaPending
    ? `/login/mfa?redirectTo=${encodeURIComponent(safeRedirect(redirectTo, homePathFor(user.role)))}`
    : safeRedirect(redirectTo, homePathFor(user.role));
  return redirect(target, { headers: { "Set-Cookie": sessionCookie(request, token, session.absoluteExpiresAt) } });
}

export default function Login() {
  const { sso, localLogin } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
  const [form, fields] = useForm({
    lastResult: lastResult as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto mt-10 max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Sign in to Rampart</h1>
      {sso ? (
        <a
          href={`/auth/oidc/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}
          className="mt-4 block w-full rounded bg-slate-900 px-4 py-2 text-center font-medium text-white hover:bg-slate-700"
        >
          Sign in with {sso.name}
        </a>
      ) : null}
      {localLogin === "off" ? null : (
        <PasswordSignIn heading={sso ? (localLogin === "admins" ? "Administrators (break-glass)" : "Or with a Rampart password") : null}>
          <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
            <Field
              label="Email"
              autoComplete="username"
              errors={fields.email.errors}
              errorId={fields.email.errorId}
              {...getInputProps(fields.email, { type: "email" })}
            />
            <Field
              label="Password"
              autoComplete="current-password"
              errors={fields.password.errors}
              errorId={fields.password.errorId}
              {...getInputProps(fields.password, { type: "password" })}
            />
            <SubmitButton pendingText="Signing in…" className="w-full">
              Sign in
            </SubmitButton>
          </Form>
        </PasswordSignIn>
      )}
    </div>
  );
}

/** With single sign-on on, the password form is the second way in, under its own heading. */
function PasswordSignIn({ heading, children }: { heading: string | null; children: React.ReactNode }) {
  if (!heading) return <>{children}</>;
  return (
    <section aria-labelledby="password-sign-in" className="mt-6 border-t border-slate-200 pt-4">
      <h2 id="password-sign-in" className="text-sm font-medium text-slate-700">
        {heading}
      </h2>
      {children}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
