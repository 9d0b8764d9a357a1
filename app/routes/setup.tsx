import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { retryAfterFrom } from "~/auth/retry-after";
import { auditContext } from "~/auth/request-info.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { consumeSetupToken, findUsableSetupToken, needsFirstAdmin } from "~/auth/setup.server";
import { assertNotLocked, POLICIES, recordFailure, sleep, ThrottledError, tooManyRequests } from "~/auth/throttle.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { createUser } from "~/users/create-user.server";
import { EmailSchema, NameSchema } from "~/users/user-schemas";
import { PasswordLengthSchema } from "~/auth/password-policy";
import { NewPasswordSchema } from "~/auth/password-policy.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "public", action: "public" });

// A 429 keeps its Retry-After in the page response.
export const headers: HeadersFunction = ({ actionHeaders, errorHeaders }) => retryAfterFrom(errorHeaders, actionHeaders);

export const meta: MetaFunction = () => [{ title: "Set up Rampart" }];

const SetupSchema = z.object({ token: z.string().max(100), email: EmailSchema, name: NameSchema, password: PasswordLengthSchema });
// The server also refuses common passwords; that list stays on the server.
const SetupServerSchema = SetupSchema.extend({ password: NewPasswordSchema });

const gone = () =>
  new Response("This set-up link is invalid, used or expired. Restart the server for a new one, or use `npm run cli -- user:create`.", { status: 404 });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (!needsFirstAdmin(db) || !findUsableSetupToken(db, token)) throw gone();
  return { token };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = auditContext(null, context);
  const key = `setup:address:${ctx.ip ?? "unknown"}`;
  try {
    assertNotLocked([key]);
  } catch (error) {
    if (error instanceof ThrottledError) return tooManyRequests(error);
    throw error;
  }
  const submission = parseWithZod(await readForm(request), { schema: SetupServerSchema });
  if (submission.status !== "success") return Response.json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { token, ...input } = submission.value;
  if (!needsFirstAdmin(db) || !findUsableSetupToken(db, token)) {
    await sleep(recordFailure(key, POLICIES.setup, Date.now(), { address: ctx.ip ?? "unknown" }));
    throw gone();
  }
  // The account and the token's use commit together: a token can never create two administrators.
  const user = await createUser(db, { ...input, role: "admin" }, ctx, (tx) => {
    if (!consumeSetupToken(tx, token)) throw gone();
  });
  const { token: sessionToken, session } = createSession(user.id, { mfaVerified: true, ip: ctx.ip, userAgent: request.headers.get("user-agent") });
  return redirect("/account", { headers: { "Set-Cookie": sessionCookie(request, sessionToken, session.absoluteExpiresAt) } });
}

export default function Setup() {
  const { token } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: lastResult as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetupSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto mt-10 max-w-md rounded border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">Create the first administrator</h1>
      <p className="mt-2 text-sm text-slate-600">This link works once and for one hour. Use a password of 12 or more characters that you use nowhere else.</p>
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <Field label="Name" autoComplete="name" errors={fields.name.errors} errorId={fields.name.errorId} {...getInputProps(fields.name, { type: "text" })} />
        <Field
          label="Email"
          autoComplete="username"
          errors={fields.email.errors}
          errorId={fields.email.errorId}
          {...getInputProps(fields.email, { type: "email" })}
        />
        <Field
          label="Password"
          autoComplete="new-password"
          errors={fields.password.errors}
          errorId={fields.password.errorId}
          {...getInputProps(fields.password, { type: "password" })}
        />
        <SubmitButton pendingText="Creating…">Create administrator</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
