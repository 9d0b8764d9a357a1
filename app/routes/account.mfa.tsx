import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { beginMfaEnrolment, confirmMfaEnrolment, disableMfa, mfaStatus, pendingMfaEnrolment, reauthenticate, regenerateRecoveryCodes } from "~/auth/mfa.server";
import { retryAfterFrom } from "~/auth/retry-after";
import { auditContext } from "~/auth/request-info.server";
import { forbidden, mfaRequiredFor, requireUser } from "~/auth/require.server";
import { ThrottledError, tooManyRequests } from "~/auth/throttle.server";
import { totpAuthUri, totpQrCodeDataUri } from "~/auth/totp.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "signed-in", action: "signed-in" });

export const meta: MetaFunction = () => [{ title: "Two-step verification · Rampart" }];

// The set-up secret and the recovery codes must never sit in a cache.
const NO_STORE = { "Cache-Control": "no-store" };
export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => ({ ...NO_STORE, ...retryAfterFrom(errorHeaders, actionHeaders) });

const ConfirmSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your app." })
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your app.")),
});

// Weakening MFA asks again who is at the keyboard: a current code or the password.
const ReauthSchema = z
  .object({
    code: z.string().max(16, "Enter the 6-digit code from your app.").optional(),
    password: z.string().max(256, "That password is too long.").optional(),
  })
  .refine((v) => v.code || v.password, { message: "Enter a code from your app, or your password." });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, { allowMfaEnrolment: true });
  const required = mfaRequiredFor(user.role);
  const status = mfaStatus(user.id);
  if (status.enabledAt) {
    return { state: "enabled" as const, required, enabledAt: status.enabledAt, recoveryCodesLeft: status.recoveryCodesLeft };
  }
  const pending = pendingMfaEnrolment(user.id);
  if (!pending) return { state: "off" as const, required };
  // Until confirmed the secret is only a proposal, so showing it is safe; once MFA is on no loader returns it.
  return {
    state: "pending" as const,
    required,
    secret: pending.secret.replace(/(.{4})/g, "$1 ").trim(),
    qrCode: await totpQrCodeDataUri(totpAuthUri(pending.secret, pending.email)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, { allowMfaEnrolment: true });
  const ctx = auditContext(user.id, context);
  const formData = await readForm(request);
  const intent = formData.get("intent");

  if (intent === "start") {
    // Does nothing once MFA is on: replacing a live secret needs it turned off first.
    beginMfaEnrolment(user.id, ctx);
    return redirect("/account/mfa");
  }

  if (intent === "confirm") {
    const submission = parseWithZod(formData, { schema: ConfirmSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const codes = await confirmMfaEnrolment(user.id, submission.value.code, user.sessionId, ctx);
    if (!codes) {
      const message = "That code does not match. Check that your phone's clock is set automatically and enter the newest code.";
      return data({ intent, result: submission.reply({ fieldErrors: { code: [message] } }) }, { status: 400 });
    }
    return data({ intent, recoveryCodes: codes }, { headers: NO_STORE });
  }

  if (intent === "regenerate" || intent === "disable") {
    if (intent === "disable" && mfaRequiredFor(user.role)) throw forbidden("Your role requires two-step verification; it cannot be turned off.");
    if (!mfaStatus(user.id).enabledAt) throw redirect("/account/mfa");
    const submission = parseWithZod(formData, { schema: ReauthSchema });
    const hidden = { hideFields: ["code", "password"] };
    if (submission.status !== "success") return data({ intent, result: submission.reply(hidden) }, { status: 400 });
    let ok;
    try {
      ok = await reauthenticate(user.id, submission.value, intent === "disable" ? "disable_mfa" : "regenerate_recovery_codes", ctx);
    } catch (error) {
      if (error instanceof ThrottledError) return tooManyRequests(error);
      throw error;
    }
    if (!ok) return data({ intent, result: submission.reply({ ...hidden, formErrors: ["That code or password is not right."] }) }, { status: 400 });
    if (intent === "disable") {
      disableMfa(user.id, ctx);
      return redirectWithToast("/account", { kind: "info", message: "Two-step verification is off." });
    }
    return data({ intent, recoveryCodes: regenerateRecoveryCodes(user.id, ctx) }, { headers: NO_STORE });
  }

  throw new Response("Unknown form action.", { status: 400 });
}

type ActionData = { intent: string; result?: SubmissionResult<string[]>; recoveryCodes?: string[] } | undefined;

/** The last submission's result, for the form that sent it only. */
function useLastResult(intent: string) {
  const actionData = useActionData<typeof action>() as ActionData;
  return actionData?.intent === intent ? actionData.result : undefined;
}

export default function AccountMfa() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  return (
    <div className="max-w-2xl space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/account">← Your account</Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold">Two-step verification</h1>
        {loaderData.required && loaderData.state !== "enabled" ? (
          <p role="alert" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            Your role requires two-step verification. Set it up to continue using Rampart.
          </p>
        ) : null}
      </header>
      {actionData?.recoveryCodes ? <RecoveryCodes codes={actionData.recoveryCodes} /> : null}
      {loaderData.state === "off" ? <StartEnrolment /> : null}
      {loaderData.state === "pending" ? <ConfirmEnrolment qrCode={loaderData.qrCode} secret={loaderData.secret} /> : null}
      {loaderData.state === "enabled" ? (
        <>
          <p className="text-sm text-slate-700">
            On since <time dateTime={loaderData.enabledAt}>{loaderData.enabledAt.slice(0, 10)}</time>. You have {loaderData.recoveryCodesLeft} unused recovery{" "}
            {loaderData.recoveryCodesLeft === 1 ? "code" : "codes"}.
          </p>
          <ReauthForm intent="regenerate" title="New recovery codes" button="Replace recovery codes">
            Replaces all your recovery codes; the old ones stop working.
          </ReauthForm>
          {loaderData.required ? (
            <p className="text-sm text-slate-600">Your role requires two-step verification, so it cannot be turned off here.</p>
          ) : (
            <ReauthForm intent="disable" title="Turn off" button="Turn off two-step verification">
              Signing in will ask for your password only.
            </ReauthForm>
          )}
        </>
      ) : null}
    </div>
  );
}

function StartEnrolment() {
  return (
    <section className="space-y-3 rounded border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm text-slate-700">
        Signing in will also ask for a 6-digit code from an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password and
        others), so a stolen password alone does not open your account. Turning it on signs out your other sessions and revokes your API tokens.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <SubmitButton pendingText="Starting…">Set up an authenticator app</SubmitButton>
      </Form>
    </section>
  );
}

function ConfirmEnrolment({ qrCode, secret }: { qrCode: string; secret: string }) {
  const [form, fields] = useForm({
    id: "mfa-confirm",
    lastResult: useLastResult("confirm"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConfirmSchema }),
    // Re-check on input, not on blur: a blur-time check that clears an error moves the
    // button between mousedown and click, and the click is lost (as on the log-in page).
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <section className="space-y-4 rounded border border-slate-200 bg-white p-5 shadow-sm">
      <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-700">
        <li>
          Scan this code with your authenticator app.
          <img src={qrCode} alt="QR code to add Rampart to an authenticator app" width={200} height={200} className="mt-2 h-48 w-48 border border-slate-200" />
        </li>
        <li>
          Or enter this key by hand (time-based, 6 digits):
          <code className="mt-1 block font-mono text-base tracking-wider text-slate-900">{secret}</code>
        </li>
        <li>
          Enter the code the app shows.
          <Form method="post" className="mt-2 max-w-xs space-y-3" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="confirm" />
            <FormErrors errors={form.errors} />
            <Field
              label="Code"
              autoComplete="one-time-code"
              inputMode="numeric"
              errors={fields.code.errors}
              errorId={fields.code.errorId}
              {...getInputProps(fields.code, { type: "text" })}
            />
            <SubmitButton pendingText="Checking…">Turn on</SubmitButton>
          </Form>
        </li>
      </ol>
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <button type="submit" className="text-sm text-slate-600 underline">
          Start over with a new key
        </button>
      </Form>
    </section>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section role="status" className="rounded border border-green-300 bg-green-50 p-5">
      <h2 className="text-lg font-semibold text-green-900">Your recovery codes</h2>
      <p className="mt-1 text-sm text-green-900">
        Each code signs you in once if you lose your phone. Store them in your password manager now: they are shown only this once.
      </p>
      <ol className="mt-3 grid grid-cols-2 gap-x-8 gap-y-1 font-mono text-base">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <p className="mt-3 text-sm">
        <Link to="/account">Done, back to your account</Link>
      </p>
    </section>
  );
}

function ReauthForm({ intent, title, button, children }: { intent: "regenerate" | "disable"; title: string; button: string; children: string }) {
  const [form, fields] = useForm({
    id: `mfa-${intent}`,
    lastResult: useLastResult(intent),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReauthSchema }),
    // Either field will do, so leaving the first one empty is not yet a mistake: check on submit.
    shouldRevalidate: "onInput",
  });
  return (
    <section className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-1 text-sm text-slate-600">{children} Confirm with a code from your app or with your password.</p>
      <Form method="post" className="mt-3 max-w-xs space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <FormErrors errors={form.errors} />
        <Field
          label="Code from your app"
          autoComplete="one-time-code"
          inputMode="numeric"
          errors={fields.code.errors}
          errorId={fields.code.errorId}
          {...getInputProps(fields.code, { type: "text" })}
        />
        <Field
          label="Or your password"
          autoComplete="current-password"
          errors={fields.password.errors}
          errorId={fields.password.errorId}
          {...getInputProps(fields.password, { type: "password" })}
        />
        <SubmitButton pendingText="Checking…">{button}</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
