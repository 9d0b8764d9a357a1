import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "#db/schema/enums";
import { invitationLink, inviteUser } from "~/admin/invitations.server";
import { describeProblems, parseQueryParams } from "~/utils/query";
import { formatInstant } from "~/admin/format";
import { ROLE_LABELS, USER_STATUSES, UserFilterShape } from "~/admin/user-filters";
import { ThrottleTable } from "~/admin/throttle-table";
import { SCOPE_LABELS } from "~/admin/throttle-labels";
import { clearThrottleKey, listActiveThrottles, ThrottleNotFound } from "~/admin/throttles.server";
import { pageUsers, USER_LIST } from "~/admin/users.server";
import { listParamsOr400 } from "~/lists/list-params";
import { Pager } from "~/components/lists/pager";
import { ListFormFields, SearchField } from "~/components/lists/search-box";
import { SortHeader } from "~/components/lists/sort-header";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SelectField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { DuplicateEmailError } from "~/users/create-user.server";
import { EmailSchema, NameSchema, RoleSchema } from "~/users/user-schemas";
import { humanize } from "~/utils/format";
import { readForm } from "~/utils/form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "manage:users", action: "manage:users" });

export const meta: MetaFunction = () => [{ title: "Users · Rampart" }];

// The page can hold a one-time invitation link: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const InviteSchema = z.object({ intent: z.literal("invite"), email: EmailSchema, name: NameSchema, role: RoleSchema });
const ClearThrottleSchema = z.object({ intent: z.literal("clear-throttle"), key: z.string().min(1).max(600) });

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const url = new URL(request.url);
  const list = listParamsOr400(url, USER_LIST);
  const { values: filter, problems } = parseQueryParams(UserFilterShape, url.searchParams);
  const page = pageUsers(db, filter, list);
  return {
    users: page.rows,
    view: page.view,
    filter,
    notices: describeProblems([...problems, ...list.problems]),
    throttles: listActiveThrottles(db),
    now: new Date().toISOString(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const formData = await readForm(request);
  if (formData.get("intent") === "clear-throttle") return clearThrottle(formData, auditContext(user.id, context));
  const submission = parseWithZod(formData, { schema: InviteSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), invitation: null }, { status: 400 });
  try {
    const invited = inviteUser(db, submission.value, auditContext(user.id, context));
    const invitation = {
      userId: invited.userId,
      email: invited.email,
      name: invited.name,
      link: invitationLink(invited.token),
      expiresAt: invited.expiresAt,
      emailed: invited.emailed,
    };
    return data({ result: submission.reply({ resetForm: true }), invitation });
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      return data({ result: submission.reply({ fieldErrors: { email: [error.message] } }), invitation: null }, { status: 400 });
    }
    throw error;
  }
}

function clearThrottle(formData: FormData, ctx: ReturnType<typeof auditContext>) {
  const parsed = ClearThrottleSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("The form could not be read; reload the page and try again.", { status: 400 });
  try {
    const cleared = clearThrottleKey(db, parsed.data.key, ctx);
    const what = [cleared.subject, cleared.address].filter(Boolean).join(" from ");
    return redirectWithToast("/admin/users#throttles", {
      kind: "success",
      message: `Cleared: ${SCOPE_LABELS[cleared.scope] ?? cleared.scope}${what ? ` (${what})` : ""}.`,
    });
  } catch (error) {
    if (error instanceof ThrottleNotFound) return redirectWithToast("/admin/users#throttles", { kind: "info", message: error.message });
    throw error;
  }
}

function statusOf(u: { active: boolean; hasPassword: boolean }) {
  if (!u.active) return "Inactive";
  return u.hasPassword ? "Active" : "Invited";
}

export default function AdminUsers() {
  const { users, view, filter, notices, throttles, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    // Errors clear while typing, not on blur: a blur-time re-layout would move the submit button from under the pointer.
    shouldRevalidate: "onInput",
  });
  const invitation = actionData?.invitation;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="mt-1 text-slate-600">Invite people, change their role, and deactivate accounts that should no longer sign in.</p>
      </header>

      {invitation ? (
        <section role="status" className="rounded border border-green-300 bg-green-50 p-4 text-sm text-green-900" data-testid="invitation">
          <h2 className="font-semibold">
            Invitation for {invitation.name} ({invitation.email}) created
          </h2>
          <p className="mt-1">
            {invitation.emailed
              ? `It has been emailed to ${invitation.email}; you can also send it yourself. `
              : "Send this link to them over a channel you trust. "}
            It works once, until {formatInstant(invitation.expiresAt)}, and is shown only now: Rampart keeps only a hash of it.
          </p>
          <label className="mt-2 block font-medium">
            Set-password link
            <input readOnly value={invitation.link} className="mt-1 block w-full rounded border border-green-400 bg-white px-2 py-1.5 font-mono text-xs" />
          </label>
          <p className="mt-2">
            <Link to={`/admin/users/${invitation.userId}`}>Open {invitation.name}'s account</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="filter-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="filter-heading" className="sr-only">
          Filter
        </h2>
        {notices.length ? (
          <ul role="alert" className="mb-3 text-sm text-amber-800">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <SelectField label="Role" name="role" defaultValue={filter.role ?? ""} options={[{ value: "", label: "All roles" }, ...ROLE_OPTIONS]} />
          <SelectField
            label="Status"
            name="status"
            defaultValue={filter.status ?? ""}
            options={[{ value: "", label: "Any status" }, ...USER_STATUSES.map((s) => ({ value: s, label: humanize(s) }))]}
          />
          <SearchField view={view} label="Name or email" />
          <ListFormFields view={view} />
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            Filter
          </button>
          <Link to="/admin/users" className="py-1.5 text-sm">
            Clear
          </Link>
        </Form>
      </section>

      <section aria-labelledby="users-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="users-heading" className="mb-3 text-lg font-semibold">
          {view.total.toLocaleString("en-US")} {view.total === 1 ? "user" : "users"}
        </h2>
        <table>
          <thead>
            <tr>
              <SortHeader view={view} sort="name">
                Name
              </SortHeader>
              <SortHeader view={view} sort="email">
                Email
              </SortHeader>
              <SortHeader view={view} sort="role">
                Role
              </SortHeader>
              <SortHeader view={view} sort="status">
                Status
              </SortHeader>
              <th>MFA</th>
              <th>Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.id}`}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>
                  {statusOf(u)}
                  {u.active && !u.hasPassword ? (
                    <span className="block text-xs text-slate-500">
                      {u.invitationExpiresAt ? `link valid until ${formatInstant(u.invitationExpiresAt)}` : "no valid link"}
                    </span>
                  ) : null}
                </td>
                <td>{u.mfaEnabled ? "On" : "Off"}</td>
                <td className="tabular-nums">{formatInstant(u.lastSignInAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.length === 0 ? <p className="mt-3 text-sm text-slate-600">No user matches this filter.</p> : null}
        <Pager view={view} noun="users" />
      </section>

      <section id="throttles" aria-labelledby="throttles-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="throttles-heading" className="text-lg font-semibold">
          Sign-in delays and locks
        </h2>
        {throttles.length ? (
          <>
            <p className="mt-1 mb-3 text-sm text-slate-600">
              Accounts and addresses slowed or locked after failed attempts right now. They lift by themselves; clear one once you know who failed.
            </p>
            <ThrottleTable rows={throttles} now={now} clearable />
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Nothing is slowed or locked.</p>
        )}
      </section>

      <section aria-labelledby="invite-heading" className="max-w-xl rounded border border-slate-200 bg-white p-4">
        <h2 id="invite-heading" className="text-lg font-semibold">
          Invite a user
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          The account is created without a password; you get a link, valid for 72 hours, with which they choose one.
        </p>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <Field label="Name" autoComplete="off" errors={fields.name.errors} errorId={fields.name.errorId} {...getInputProps(fields.name, { type: "text" })} />
          <Field
            label="Email"
            autoComplete="off"
            errors={fields.email.errors}
            errorId={fields.email.errorId}
            {...getInputProps(fields.email, { type: "email" })}
          />
          <SelectField
            label="Role"
            errors={fields.role.errors}
            errorId={fields.role.errorId}
            options={[{ value: "", label: "Choose a role" }, ...ROLE_OPTIONS]}
            {...getSelectProps(fields.role)}
          />
          <SubmitButton pendingText="Inviting…">Create invitation</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
