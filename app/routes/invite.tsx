import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formatInstant } from "~/admin/format";
import { acceptInvitation, findUsableInvitation } from "~/admin/invitations.server";
import { defineAccess } from "~/auth/access";
import { hashPassword } from "~/auth/password.server";
import { LINK_TOKEN_FORMAT, LinkPasswordSchema } from "~/auth/link-password-form";
import { LinkPasswordServerSchema } from "~/auth/link-password-form.server";
import { retryAfterFrom } from "~/auth/retry-after";
import { auditContext } from "~/auth/request-info.server";
import { assertNotLocked, POLICIES, recordFailure, sleep, ThrottledError, tooManyRequests } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LinkPasswordForm } from "~/components/forms/link-password-form";
import { db } from "~/db.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "public", action: "public" });

// The token is in this page's URL: keep it out of caches and out of Referer headers
// (the meta tag, because the server already sends a site-wide Referrer-Policy header).
export const meta: MetaFunction = () => [{ title: "Set your password · Rampart" }, { name: "referrer", content: "no-referrer" }];
export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => ({ "Cache-Control": "no-store", ...retryAfterFrom(errorHeaders, actionHeaders) });

const gone = () =>
  new Response("This invitation link is invalid, already used or expired. Ask an administrator for a new one.", {
    status: 404,
    headers: { "Cache-Control": "no-store" },
  });

// Guessing links is throttled per address, like /setup; a 160-bit token makes it hopeless anyway.
const throttleKey = (ip: string | null) => `invite:address:${ip ?? "unknown"}`;

async function refuse(key: string, ip: string | null): Promise<never> {
  await sleep(recordFailure(key, POLICIES.invite, Date.now(), { address: ip ?? "unknown" }));
  throw gone();
}

// A visit without any token is a wrong turn, not a guess: it costs nothing.
const noToken = () =>
  new Response("This page needs the link from your invitation. Ask an administrator for one if you do not have it.", {
    status: 400,
    headers: { "Cache-Control": "no-store" },
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { ip } = auditContext(null, context);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!token) throw noToken();
  const key = throttleKey(ip ?? null);
  try {
    assertNotLocked([key]);
  } catch (error) {
    if (error instanceof ThrottledError) throw tooManyRequests(error);
    throw error;
  }
  const invitation = LINK_TOKEN_FORMAT.test(token) ? findUsableInvitation(db, token) : null;
  if (!invitation) return refuse(key, ip ?? null);
  return { token, email: invitation.email, name: invitation.name, expiresAt: invitation.expiresAt };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = auditContext(null, context);
  const key = throttleKey(ctx.ip ?? null);
  try {
    assertNotLocked([key]);
  } catch (error) {
    if (error instanceof ThrottledError) return tooManyRequests(error);
    throw error;
  }
  const submission = parseWithZod(await readForm(request), { schema: LinkPasswordServerSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  const { token, password } = submission.value;
  if (!LINK_TOKEN_FORMAT.test(token) || !findUsableInvitation(db, token)) return refuse(key, ctx.ip ?? null);
  const accepted = acceptInvitation(db, token, await hashPassword(password), ctx);
  if (!accepted) return refuse(key, ctx.ip ?? null);
  return redirectWithToast("/login", { kind: "success", message: "Your password is set. Sign in with your email address and new password." });
}

export default function Invite() {
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
      <h1 className="text-xl font-semibold">Welcome to Rampart, {name}</h1>
      <p className="mt-2 text-sm text-slate-600">
        Choose a password for {email}: 12 or more characters that you use nowhere else (a few unrelated words work well). This link works once, until{" "}
        {formatInstant(expiresAt)}.
      </p>
      <LinkPasswordForm form={form} fields={fields} token={token} email={email} submitLabel="Set password" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
