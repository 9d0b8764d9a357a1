import { readForm } from "~/utils/form.server";
import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formatInstant } from "~/admin/format";
import { completePasswordReset, findUsablePasswordReset } from "~/admin/password-resets.server";
import { defineAccess } from "~/auth/access";
import { hashPassword } from "~/auth/password.server";
import { LINK_TOKEN_FORMAT, LinkPasswordSchema } from "~/auth/link-password-form";
import { LinkPasswordServerSchema } from "~/auth/link-password-form.server";
import { homePathFor } from "~/auth/permissions";
import { retryAfterFrom } from "~/auth/retry-after";
import { auditContext } from "~/auth/request-info.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { assertNotLocked, POLICIES, recordFailure, sleep, ThrottledError, tooManyRequests } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LinkPasswordForm } from "~/components/forms/link-password-form";
import { db } from "~/db.server";

// The link is the credential, like an invitation's (decision 009).
export const access = defineAccess({ loader: "public", action: "public" });

// The token is in this page's URL: keep it out of caches and out of Referer headers.
export const meta: MetaFunction = () => [{ title: "Choose a new password · Rampart" }, { name: "referrer", content: "no-referrer" }];
export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => ({ "Cache-Control": "no-store", ...retryAfterFrom(errorHeaders, actionHeaders) });

const gone = () =>
  new Response("This password-reset link is invalid, already used or expired. Ask an administrator for a new one.", {
    status: 404,
    headers: { "Cache-Control": "no-store" },
  });

const noToken = () =>
  new Response("This page needs the password-reset link an administrator gave you.", { status: 400, headers: { "Cache-Control": "no-store" } });

const throttleKey = (ip: string | null | undefined) => `reset-link:address:${ip ?? "unknown"}`;

function assertAddressNotSlowed(key: string) {
  try {
    assertNotLocked([key]);
  } catch (error) {
    if (error instanceof ThrottledError) throw tooManyRequests(error);
    throw error;
  }
}

async function refuse(key: string, ip: string | null | undefined): Promise<never> {
  await sleep(recordFailure(key, POLICIES.resetLink, Date.now(), { address: ip ?? "unknown" }));
  throw gone();
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ip } = auditContext(null, context);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!token) throw noToken();
  const key = throttleKey(ip);
  assertAddressNotSlowed(key);
  const reset = LINK_TOKEN_FORMAT.test(token) ? findUsablePasswordReset(db, token) : null;
  if (!reset) return refuse(key, ip);
  return { token, email: reset.email, name: reset.name, expiresAt: reset.expiresAt };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = auditContext(null, context);
  const key = throttleKey(ctx.ip);
  assertAddressNotSlowed(key);
  const submission = parseWithZod(await readForm(request), { schema: LinkPasswordServerSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  const { token, password } = submission.value;
  if (!LINK_TOKEN_FORMAT.test(token) || !findUsablePasswordReset(db, token)) return refuse(key, ctx.ip);
  const user = completePasswordReset(db, token, await hashPassword(password), ctx);
  if (!user) return refuse(key, ctx.ip);
  // Signed in at once, so a lock that an attacker renews cannot keep the owner out; a second factor is still asked for.
  const { token: sessionToken, session } = createSession(user.id, { mfaVerified: !user.mfaEnabled, ip: ctx.ip, userAgent: request.headers.get("user-agent") });
  const target = user.mfaEnabled ? `/login/mfa?redirectTo=${encodeURIComponent(homePathFor(user.role))}` : homePathFor(user.role);
  return redirect(target, { headers: { "Set-Cookie": sessionCookie(request, sessionToken, session.absoluteExpiresAt) } });
}

export default function ResetPassword() {
  const { token, email, name, expiresAt } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LinkPasswordSchema }),
    // Errors clear while typing, not on blur: a blur-time re-layout would move the submit button from under the pointer.
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto mt-10 max-w-md rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Choose a new password, {name}</h1>
      <p className="mt-2 text-sm text-slate-600">
        For {email}: 12 or more characters that you use nowhere else. Every session and API token of this account ends, and you are signed in here. This link
        works once, until {formatInstant(expiresAt)}.
      </p>
      <LinkPasswordForm form={form} fields={fields} token={token} email={email} submitLabel="Set password and sign in" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
