import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { attemptLogin } from "~/auth/login.server";
import { completePendingLink, findPendingLink } from "~/auth/oidc/accounts.server";
import { clearLinkCookie, readLinkCookie } from "~/auth/oidc/link-cookie.server";
import { SSO_REFUSAL_MESSAGES } from "~/auth/oidc/refusal";
import { startSsoSession } from "~/auth/oidc/session.server";
import { oidcSettings } from "~/auth/oidc/settings.server";
import { auditContext } from "~/auth/request-info.server";
import { retryAfterHeaders, ThrottledError } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { readForm } from "~/utils/form.server";

// Public: the browser holds a pending link from the provider's callback, and the account's password proves the rest.
export const access = defineAccess({ loader: "public", action: "public" });

export const meta: MetaFunction = () => [{ title: "Link your company account · Rampart" }];

export const headers = () => ({ "Cache-Control": "no-store" });

const LinkSchema = z.object({ password: z.string({ error: "Enter your Rampart password." }).max(256, "That password is too long.") });
const WRONG_PASSWORD = "That is not this account's Rampart password.";

function pendingLink(request: Request) {
  const settings = oidcSettings();
  if (!settings) throw new Response("Single sign-on is not configured on this server.", { status: 404 });
  const token = readLinkCookie(request);
  const link = token ? findPendingLink(db, token) : null;
  if (!link) throw new Response(SSO_REFUSAL_MESSAGES.link_expired, { status: 400, headers: { "Set-Cookie": clearLinkCookie(request) } });
  return { settings, link };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { settings, link } = pendingLink(request);
  return { email: link.email, provider: settings.name };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { link } = pendingLink(request);
  const submission = parseWithZod(await readForm(request), { schema: LinkSchema });
  if (submission.status !== "success") return Response.json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const ctx = auditContext(link.userId, context);
  let user;
  try {
    // The same throttled, audited check as the password sign-in: linking is not a way round it.
    user = await attemptLogin(link.email, submission.value.password, ctx);
  } catch (error) {
    if (error instanceof ThrottledError) {
      return Response.json(submission.reply({ formErrors: [error.message], hideFields: ["password"] }), { status: 429, headers: retryAfterHeaders(error) });
    }
    throw error;
  }
  if (!user || user.id !== link.userId) return Response.json(submission.reply({ formErrors: [WRONG_PASSWORD], hideFields: ["password"] }), { status: 400 });
  const linked = completePendingLink(db, ctx, link);
  if (!linked) throw redirect("/login", { headers: { "Set-Cookie": clearLinkCookie(request) } });
  const response = startSsoSession(
    request,
    linked,
    {
      providerMfa: link.providerMfa,
      endsBy: new Date(link.sessionEndsAt),
      redirectTo: link.redirectTo,
      ip: ctx.ip ?? null,
      userAgent: request.headers.get("user-agent"),
    },
    ctx,
  );
  response.headers.append("Set-Cookie", clearLinkCookie(request));
  return response;
}

export default function OidcLink() {
  const { email, provider } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: lastResult as never, onValidate: ({ formData }) => parseWithZod(formData, { schema: LinkSchema }) });
  return (
    <div className="mx-auto mt-10 max-w-md rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Link your company account</h1>
      <p className="mt-2 text-sm text-slate-700">
        You signed in with {provider} as <strong>{email}</strong>, which matches an existing Rampart account. Enter that account&rsquo;s Rampart password once
        to link them; from then on you sign in with {provider}, and your workstreams, reports and history stay yours.
      </p>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <Field
          label="Rampart password"
          autoComplete="current-password"
          errors={fields.password.errors}
          errorId={fields.password.errorId}
          {...getInputProps(fields.password, { type: "password" })}
        />
        <SubmitButton pendingText="Linking…" className="w-full">
          Link and sign in
        </SubmitButton>
      </Form>
      <p className="mt-4 text-center text-sm">
        <a href="/login" className="underline">
          Cancel
        </a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
