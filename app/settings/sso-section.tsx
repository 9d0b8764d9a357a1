import { Form } from "@remix-run/react";
import { FormErrors, TextareaField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";

export type SsoStatus = {
  configured: boolean;
  name: string;
  issuer: string | null;
  clientId: string | null;
  redirectUri: string | null;
  rolesClaim: string;
  localLogin: "all" | "admins" | "off";
  provision: boolean;
};

type Props = { status: SsoStatus; rules: string; version: number; errors?: string[]; formError?: string };

const LOCAL_LOGIN: Record<SsoStatus["localLogin"], string> = {
  all: "everyone may also sign in with a Rampart password",
  admins: "only administrators may sign in with a password (break-glass)",
  off: "nobody signs in with a password",
};

/** Single sign-on: what the environment configures (read-only; never the client secret) and the group-to-role mapping. */
export function SsoSection({ status, rules, version, errors, formError }: Props) {
  return (
    <section id="sso" aria-labelledby="sso-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="sso-heading" className="text-lg font-semibold">
        Single sign-on
      </h2>
      {status.configured ? (
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-700">Provider</dt>
          <dd>
            {status.name} (<code className="break-all">{status.issuer}</code>)
          </dd>
          <dt className="font-medium text-slate-700">Client ID</dt>
          <dd>
            <code className="break-all">{status.clientId}</code>
          </dd>
          <dt className="font-medium text-slate-700">Redirect URI to register</dt>
          <dd>
            <code className="break-all">{status.redirectUri}</code>
          </dd>
          <dt className="font-medium text-slate-700">Passwords</dt>
          <dd>{LOCAL_LOGIN[status.localLogin]}</dd>
          <dt className="font-medium text-slate-700">New accounts</dt>
          <dd>{status.provision ? "created at a first sign-in, with the mapped role" : "not created: an administrator creates each account"}</dd>
        </dl>
      ) : (
        <p className="mt-1 text-sm text-slate-600">
          Not configured: everyone signs in with a Rampart password. Set <code>OIDC_ISSUER</code>, <code>OIDC_CLIENT_ID</code> and{" "}
          <code>OIDC_CLIENT_SECRET</code> to sign in through the company&rsquo;s identity provider (see the README).
        </p>
      )}
      <Form method="post" className="mt-4 space-y-3">
        <input type="hidden" name="intent" value="sso-role-map" />
        <input type="hidden" name="version" value={version} />
        <FormErrors errors={formError ? [formError] : undefined} />
        <TextareaField
          label={`Groups and roles (from the “${status.rolesClaim}” claim)`}
          name="rules"
          rows={6}
          defaultValue={rules}
          errors={errors}
          hint="One rule per line, “group = role”; the first rule naming one of a user's groups decides, so put the most privileged first. A user in none of these groups is refused and their sessions and API tokens end. Roles: Administrator, CISO office, Workstream lead, Executive, Board member."
        />
        <SubmitButton>Save group mapping</SubmitButton>
      </Form>
    </section>
  );
}
