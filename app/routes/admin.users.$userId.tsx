import { getFormProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "#db/schema/enums";
import { listAuditEvents } from "~/admin/audit.server";
import { AuditEventTable } from "~/admin/audit-event-table";
import { formatInstant } from "~/admin/format";
import { invitationLink, reissueInvitation } from "~/admin/invitations.server";
import { issuePasswordReset, passwordResetLink } from "~/admin/password-resets.server";
import { clearThrottlesOfUser, listUserThrottles } from "~/admin/throttles.server";
import { ThrottleTable } from "~/admin/throttle-table";
import { ROLE_LABELS } from "~/admin/user-filters";
import {
  changeUserRole,
  conflictMessage,
  deactivateUser,
  getUser,
  reactivateUser,
  resetUserMfa,
  type UserState,
  UserChangeRefused,
} from "~/admin/users.server";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { RoleSchema } from "~/users/user-schemas";
import { VersionConflictError } from "~/utils/concurrency.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "manage:users", action: "manage:users" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? "User"} · Users · Rampart` }];

// A re-issued invitation link is in the page: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// After a 409 the loaders must run again so every form carries the current version.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

const Version = z.coerce.number({ error: "The form has no version; reload the page." }).int().positive("The form has no version; reload the page.");
// What the page showed, sent back only to word a conflict message.
const SeenFields = {
  seenRole: RoleSchema.optional(),
  seenActive: z.enum(["true", "false"]).optional(),
  seenMfa: z.enum(["on", "off"]).optional(),
};
const ChangeSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("change-role"), version: Version, role: RoleSchema, ...SeenFields }),
    z.object({ intent: z.literal("deactivate"), version: Version, ...SeenFields }),
    z.object({ intent: z.literal("reactivate"), version: Version, ...SeenFields }),
    z.object({ intent: z.literal("reset-mfa"), version: Version, ...SeenFields }),
    z.object({ intent: z.literal("reinvite"), version: Version, ...SeenFields }),
    z.object({ intent: z.literal("reset-password"), version: Version, ...SeenFields }),
    z.object({ intent: z.literal("clear-throttles"), version: Version, ...SeenFields }),
  ],
  { error: "Unknown action." },
);
const RoleFormSchema = z.object({ intent: z.literal("change-role"), version: Version, role: RoleSchema });

function parseUserId(params: Record<string, string | undefined>): number {
  const raw = params.userId ?? "";
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new Response("There is no such user.", { status: 404 });
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = requireAccess(request, access.loader);
  const userId = parseUserId(params);
  const user = getUser(db, userId);
  if (!user) throw new Response("There is no such user.", { status: 404 });
  const activity = listAuditEvents(db, { entity: "user", entityId: String(userId) }, {}, 10);
  const throttles = listUserThrottles(db, user);
  return { user, isSelf: current.id === userId, activity: activity.events, activityTotal: activity.total, throttles, now: new Date().toISOString() };
}

type ActionData = {
  intent: string;
  result?: SubmissionResult<string[]>;
  message?: string;
  conflict?: string;
  invitation?: { link: string; expiresAt: string; emailed: boolean };
  passwordReset?: { link: string; expiresAt: string; emailed: boolean };
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = requireAccess(request, access.action);
  const userId = parseUserId(params);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: ChangeSchema });
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") {
    return data<ActionData>({ intent, result: submission.reply(), message: "The form could not be read; reload the page and try again." }, { status: 400 });
  }
  const change = submission.value;
  const ctx = auditContext(current.id, context);
  const target = { userId, version: change.version };
  const back = `/admin/users/${userId}`;
  try {
    switch (change.intent) {
      case "change-role": {
        const updated = changeUserRole(db, { ...target, role: change.role }, ctx);
        return redirectWithToast(back, {
          kind: "success",
          message: `${updated.name} is now ${ROLE_LABELS[updated.role]}, signed out everywhere and their API tokens revoked.`,
        });
      }
      case "deactivate": {
        const updated = deactivateUser(db, target, ctx);
        return redirectWithToast(back, { kind: "success", message: `${updated.name} is deactivated, signed out everywhere and their API tokens revoked.` });
      }
      case "reactivate": {
        const updated = reactivateUser(db, target, ctx);
        return redirectWithToast(back, { kind: "success", message: `${updated.name} is active again.` });
      }
      case "reset-mfa": {
        const updated = resetUserMfa(db, target, ctx);
        return redirectWithToast(back, {
          kind: "success",
          message: `${updated.name}'s second factor is reset, they are signed out everywhere and their API tokens revoked; they set up a new one at their next sign-in.`,
        });
      }
      case "reinvite": {
        const issued = reissueInvitation(db, target, ctx);
        return data<ActionData>({ intent, invitation: { link: invitationLink(issued.token), expiresAt: issued.expiresAt, emailed: issued.emailed } });
      }
      case "reset-password": {
        const issued = issuePasswordReset(db, target, ctx);
        return data<ActionData>({ intent, passwordReset: { link: passwordResetLink(issued.token), expiresAt: issued.expiresAt, emailed: issued.emailed } });
      }
      case "clear-throttles": {
        const user = getUser(db, userId);
        if (!user) throw new Response("There is no such user.", { status: 404 });
        const cleared = clearThrottlesOfUser(db, user, ctx);
        const message = cleared
          ? `${user.name} is no longer slowed or locked at sign-in (${cleared} counter${cleared === 1 ? "" : "s"} cleared).`
          : `${user.name} had nothing to clear.`;
        return redirectWithToast(back, { kind: "success", message });
      }
    }
  } catch (error) {
    if (error instanceof UserChangeRefused) {
      return data<ActionData>({ intent, message: error.message }, { status: 400 });
    }
    if (error instanceof VersionConflictError) {
      const seen = {
        role: change.seenRole,
        active: change.seenActive === undefined ? undefined : change.seenActive === "true",
        mfaEnabled: change.seenMfa === undefined ? undefined : change.seenMfa === "on",
      };
      const conflict = conflictMessage(seen, error.current as UserState);
      return data<ActionData>({ intent, conflict }, { status: 409 });
    }
    throw error;
  }
}

function SeenState({ user }: { user: { role: string; active: boolean; mfaEnabled: boolean; version: number } }) {
  return (
    <>
      <input type="hidden" name="version" value={user.version} />
      <input type="hidden" name="seenRole" value={user.role} />
      <input type="hidden" name="seenActive" value={String(user.active)} />
      <input type="hidden" name="seenMfa" value={user.mfaEnabled ? "on" : "off"} />
    </>
  );
}

function Refusal({ actionData, intent }: { actionData: ActionData | undefined; intent: string }) {
  if (actionData?.intent !== intent || !actionData.message) return null;
  return <FormErrors errors={[actionData.message]} />;
}

export default function AdminUser() {
  const { user, isSelf, activity, activityTotal, throttles, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [roleForm, roleFields] = useForm({
    id: `change-role-${user.id}-${user.version}`,
    lastResult: actionData?.intent === "change-role" ? actionData.result : undefined,
    defaultValue: { role: user.role },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RoleFormSchema }),
  });
  const status = !user.active ? "Inactive" : user.hasPassword ? "Active" : "Invited (no password yet)";
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/admin/users">← All users</Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{user.name}</h1>
        <p className="text-slate-600">{user.email}</p>
      </header>

      {actionData?.conflict ? (
        <section role="alert" className="rounded border border-amber-400 bg-amber-50 p-4 text-sm text-amber-900" data-testid="conflict">
          <h2 className="font-semibold">Changed by someone else</h2>
          <p className="mt-1">{actionData.conflict}</p>
        </section>
      ) : null}

      {actionData?.invitation ? (
        <section role="status" className="rounded border border-green-300 bg-green-50 p-4 text-sm text-green-900" data-testid="invitation">
          <h2 className="font-semibold">New invitation link</h2>
          <p className="mt-1">
            Any earlier link no longer works. This one works once, until {formatInstant(actionData.invitation.expiresAt)}, and is shown only now.
            {actionData.invitation.emailed ? ` It has also been emailed to ${user.email}.` : ""}
          </p>
          <input
            readOnly
            aria-label="Set-password link"
            value={actionData.invitation.link}
            className="mt-2 block w-full rounded border border-green-400 bg-white px-2 py-1.5 font-mono text-xs"
          />
        </section>
      ) : null}

      {actionData?.passwordReset ? (
        <section role="status" className="rounded border border-green-300 bg-green-50 p-4 text-sm text-green-900" data-testid="password-reset">
          <h2 className="font-semibold">Password-reset link</h2>
          <p className="mt-1">
            Give it to {user.name} over a channel you trust. It works once, until {formatInstant(actionData.passwordReset.expiresAt)}, and is shown only now;
            any earlier reset link no longer works.{actionData.passwordReset.emailed ? ` It has also been emailed to ${user.email}.` : ""}
          </p>
          <input
            readOnly
            aria-label="Password-reset link"
            value={actionData.passwordReset.link}
            className="mt-2 block w-full rounded border border-green-400 bg-white px-2 py-1.5 font-mono text-xs"
          />
        </section>
      ) : null}

      <section aria-labelledby="facts-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="facts-heading" className="mb-3 text-lg font-semibold">
          Account
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt className="font-medium text-slate-600">Status</dt>
          <dd>{status}</dd>
          <dt className="font-medium text-slate-600">MFA</dt>
          <dd>{user.mfaEnabled ? "On" : "Off"}</dd>
          <dt className="font-medium text-slate-600">Last sign-in</dt>
          <dd>{formatInstant(user.lastSignInAt)}</dd>
          <dt className="font-medium text-slate-600">Open sessions</dt>
          <dd>{user.openSessions}</dd>
          <dt className="font-medium text-slate-600">Password set</dt>
          <dd>{formatInstant(user.passwordChangedAt)}</dd>
          {!user.hasPassword && user.active ? (
            <>
              <dt className="font-medium text-slate-600">Invitation</dt>
              <dd>{user.invitationExpiresAt ? `link valid until ${formatInstant(user.invitationExpiresAt)}` : "no valid link"}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600">Created</dt>
          <dd>{formatInstant(user.createdAt)}</dd>
          <dt className="font-medium text-slate-600">Version</dt>
          <dd>{user.version}</dd>
        </dl>
      </section>

      <section aria-labelledby="role-heading" className="max-w-xl rounded border border-slate-200 bg-white p-4">
        <h2 id="role-heading" className="text-lg font-semibold">
          Role
        </h2>
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-3" {...getFormProps(roleForm)}>
          <input type="hidden" name="intent" value="change-role" />
          <SeenState user={user} />
          <div className="min-w-56">
            <SelectField
              label="Role"
              errors={roleFields.role.errors}
              errorId={roleFields.role.errorId}
              options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              {...getSelectProps(roleFields.role)}
            />
          </div>
          <SubmitButton pendingText="Changing…">Change role</SubmitButton>
        </Form>
        <div className="mt-3">
          <Refusal actionData={actionData} intent="change-role" />
        </div>
      </section>

      <section aria-labelledby="access-heading" className="max-w-xl rounded border border-slate-200 bg-white p-4">
        <h2 id="access-heading" className="text-lg font-semibold">
          Access
        </h2>
        {user.active ? (
          isSelf ? (
            <p className="mt-2 text-sm text-slate-600">You cannot deactivate your own account; another administrator can.</p>
          ) : (
            <Form method="post" className="mt-2 space-y-2">
              <p className="text-sm text-slate-600">
                Deactivating signs {user.name} out everywhere at once, revokes their API tokens and any open invitation, and stops them signing in. Their
                history stays.
              </p>
              <input type="hidden" name="intent" value="deactivate" />
              <SeenState user={user} />
              <SubmitButton pendingText="Deactivating…">Deactivate</SubmitButton>
            </Form>
          )
        ) : (
          <Form method="post" className="mt-2 space-y-2">
            <p className="text-sm text-slate-600">
              {user.name} cannot sign in. Reactivating lets them sign in again with their existing password (an invited user needs a new link); API tokens stay
              revoked.
            </p>
            <input type="hidden" name="intent" value="reactivate" />
            <SeenState user={user} />
            <SubmitButton pendingText="Reactivating…">Reactivate</SubmitButton>
          </Form>
        )}
        <div className="mt-2">
          <Refusal actionData={actionData} intent="deactivate" />
          <Refusal actionData={actionData} intent="reactivate" />
        </div>
      </section>

      <section aria-labelledby="mfa-heading" className="max-w-xl rounded border border-slate-200 bg-white p-4">
        <h2 id="mfa-heading" className="text-lg font-semibold">
          Second factor
        </h2>
        {isSelf ? (
          <p className="mt-2 text-sm text-slate-600">
            Manage your own second factor from <Link to="/account">your account</Link>.
          </p>
        ) : user.mfaEnabled ? (
          <Form method="post" className="mt-2 space-y-2">
            <p className="text-sm text-slate-600">
              For someone who lost their authenticator: clears it and their backup codes, and signs them out. Confirm who is asking before you do this.
            </p>
            <input type="hidden" name="intent" value="reset-mfa" />
            <SeenState user={user} />
            <SubmitButton pendingText="Resetting…">Reset MFA</SubmitButton>
          </Form>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{user.name} has not set up a second factor.</p>
        )}
        <div className="mt-2">
          <Refusal actionData={actionData} intent="reset-mfa" />
        </div>
      </section>

      {user.active && user.hasPassword ? (
        <section aria-labelledby="reset-heading" className="max-w-xl rounded border border-slate-200 bg-white p-4">
          <h2 id="reset-heading" className="text-lg font-semibold">
            Password
          </h2>
          {isSelf ? (
            <p className="mt-2 text-sm text-slate-600">
              Change your own password from <Link to="/account">your account</Link>.
            </p>
          ) : (
            <Form method="post" className="mt-2 space-y-2">
              <p className="text-sm text-slate-600">
                For someone who forgot their password or is locked out: a link, valid for one hour, with which they choose a new one. Using it signs them out
                everywhere, revokes their API tokens and lifts their sign-in locks; their second factor stays required. Confirm who is asking first.
              </p>
              <input type="hidden" name="intent" value="reset-password" />
              <SeenState user={user} />
              <SubmitButton pendingText="Issuing…">Issue a password-reset link</SubmitButton>
            </Form>
          )}
          <div className="mt-2">
            <Refusal actionData={actionData} intent="reset-password" />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="throttle-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="throttle-heading" className="text-lg font-semibold">
          Sign-in protection
        </h2>
        {throttles.length ? (
          <>
            <p className="mt-1 text-sm text-slate-600">
              Failed attempts counted against this account. Delays and locks lift by themselves; clear them once you know the failures were the owner&apos;s.
            </p>
            <div className="mt-3">
              <ThrottleTable rows={throttles} now={now} />
            </div>
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="clear-throttles" />
              <SeenState user={user} />
              <SubmitButton pendingText="Clearing…">Clear delays and locks</SubmitButton>
            </Form>
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No failed attempts are counted against {user.name}.</p>
        )}
      </section>

      {user.active && !user.hasPassword ? (
        <section aria-labelledby="invite-heading" className="max-w-xl rounded border border-slate-200 bg-white p-4">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invitation
          </h2>
          <Form method="post" className="mt-2 space-y-2">
            <p className="text-sm text-slate-600">Issue a new set-password link, valid for 72 hours. Any earlier link stops working.</p>
            <input type="hidden" name="intent" value="reinvite" />
            <SeenState user={user} />
            <SubmitButton pendingText="Issuing…">Issue a new link</SubmitButton>
          </Form>
          <div className="mt-2">
            <Refusal actionData={actionData} intent="reinvite" />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="activity-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="activity-heading" className="mb-3 text-lg font-semibold">
          Recent changes to this account
        </h2>
        <AuditEventTable events={activity} />
        <p className="mt-2 text-sm">
          <Link to={`/admin/audit?entity=user&entityId=${user.id}`}>All {activityTotal} events about this account</Link>
          {" · "}
          <Link to={`/admin/audit?actor=${user.id}`}>Everything {user.name} did</Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
