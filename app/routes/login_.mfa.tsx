// `login_` keeps /login/mfa out of the log-in page's layout: login.tsx has no <Outlet/>, so a nested child would never render.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { completeMfaLogin } from "~/auth/mfa-login.server";
import { getMfaSessionState, type MfaSessionState } from "~/auth/pending-session.server";
import { homePathFor } from "~/auth/permissions";
import { retryAfterFrom } from "~/auth/retry-after";
import { auditContext } from "~/auth/request-info.server";
import { unusedRecoveryCodeCount } from "~/auth/recovery-codes.server";
import { clearSessionCookie, sessionCookie } from "~/auth/session.server";
import { ThrottledError, tooManyRequests } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { safeRedirect } from "~/utils/redirect";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

// Public because requireUser refuses a session whose second factor is outstanding; this route checks that session itself.
export const access = defineAccess({ loader: "public", action: "public" });

export const meta: MetaFunction = () => [{ title: "Two-step verification · Rampart" }];

export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => ({ "Cache-Control": "no-store", ...retryAfterFrom(errorHeaders, actionHeaders) });

const INVALID_CODE = "That code is not valid. Authenticator codes change every 30 seconds and each code, like each recovery code, works once.";

const MfaCodeSchema = z.object({
  code: z.string({ error: "Enter the code from your authenticator app, or a recovery code." }).trim().max(32, INVALID_CODE),
  redirectTo: z.string().max(4096).optional().catch(undefined),
});

/** Anything but a session waiting for its second factor leaves this page. */
function leave(request: Request, found: MfaSessionState): Response {
  if (found.state === "verified") {
    return redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), homePathFor(found.user.role)));
  }
  return redirect("/login", found.state === "none" && found.hadCookie ? { headers: { "Set-Cookie": clearSessionCookie(request) } } : undefined);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const found = getMfaSessionState(request);
  if (found.state !== "pending") throw leave(request, found);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const found = getMfaSessionState(request);
  if (found.state !== "pending") throw leave(request, found);
  const submission = parseWithZod(await readForm(request), { schema: MfaCodeSchema });
  if (submission.status !== "success") return Response.json(submission.reply({ hideFields: ["code"] }), { status: 400 });
  const { user } = found;
  let result;
  try {
    result = await completeMfaLogin(found, submission.value.code, auditContext(user.id, context), request.headers.get("user-agent"));
  } catch (error) {
    if (error instanceof ThrottledError) return tooManyRequests(error);
    throw error;
  }
  if (!result.ok) return Response.json(submission.reply({ hideFields: ["code"], fieldErrors: { code: [INVALID_CODE] } }), { status: 400 });

  const target = safeRedirect(submission.value.redirectTo, homePathFor(user.role));
  const init = { headers: { "Set-Cookie": sessionCookie(request, result.token, result.session.absoluteExpiresAt) } };
  if (result.method === "recovery_code") {
    const left = unusedRecoveryCodeCount(db, user.id);
    return redirectWithToast(
      target,
      { kind: "info", message: `You used a recovery code; ${left} left. Replace them from your account if you have lost your phone.` },
      init,
    );
  }
  return redirect(target, init);
}

export default function LoginMfa() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: lastResult as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MfaCodeSchema }),
    // Re-check on input, not on blur: a blur-time check that clears an error moves the
    // button between mousedown and click, and the click is lost (as on the log-in page).
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto mt-10 max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Two-step verification</h1>
      <p className="mt-2 text-sm text-slate-600">
        Enter the 6-digit code from your authenticator app. Lost your phone? Enter one of your recovery codes instead.
      </p>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label="Code"
          autoComplete="one-time-code"
          autoFocus
          errors={fields.code.errors}
          errorId={fields.code.errorId}
          {...getInputProps(fields.code, { type: "text" })}
        />
        <SubmitButton pendingText="Checking…" className="w-full">
          Continue
        </SubmitButton>
      </Form>
      <Form method="post" action="/logout" className="mt-4 text-center">
        <button type="submit" className="text-sm text-slate-600 underline">
          Cancel and sign out
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
