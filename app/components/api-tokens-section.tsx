import { Form } from "@remix-run/react";
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_LIFETIMES } from "~/auth/api-scopes";
import { revocationLabel } from "~/auth/credential-revocation";
import { Field, SelectField } from "./forms/field";
import { SubmitButton } from "./forms/submit-button";

type TokenRow = {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
};
type ScopeOption = { scope: string; label: string };
type Created = { name: string; token: string; expiresAt: string; scopes: string[] };
export type ApiTokenFormErrors = Partial<Record<"tokenName" | "expiresInDays" | "scopes" | "confirmation" | "form", string>>;

const instant = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;
const errorList = (message: string | undefined) => (message ? [message] : undefined);

/** Personal API tokens: limited to chosen areas, expiring, created after re-entering the password, shown once, revocable. */
export function ApiTokensSection({
  tokens,
  scopes,
  mfaEnabled,
  created,
  errors,
}: {
  tokens: TokenRow[];
  scopes: ScopeOption[];
  mfaEnabled: boolean;
  created: Created | null;
  errors: ApiTokenFormErrors;
}) {
  return (
    <section aria-labelledby="api-tokens-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="api-tokens-heading" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        For BI tools reading <code>/api/v1/…</code> with <code>Authorization: Bearer &lt;token&gt;</code>. A token reads only the areas you choose, never more
        than your role may read, and stops working when it expires, when you revoke it, and when your password, role or two-step verification changes or you
        sign out everywhere.
      </p>
      {created ? (
        <div role="status" className="mt-3 rounded border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium">
            Token “{created.name}” created ({created.scopes.join(", ")}; expires {instant(created.expiresAt)}). Copy it now: it will not be shown again.
          </p>
          <code data-testid="new-api-token" className="mt-2 block break-all rounded bg-white p-2 font-mono">
            {created.token}
          </code>
        </div>
      ) : null}
      {scopes.length ? (
        <CreateTokenForm scopes={scopes} mfaEnabled={mfaEnabled} errors={errors} />
      ) : (
        <p className="mt-3 text-sm text-slate-700">Your role may not use the API, so it cannot hold API tokens.</p>
      )}
      {tokens.length ? <TokenTable tokens={tokens} /> : null}
    </section>
  );
}

function CreateTokenForm({ scopes, mfaEnabled, errors }: { scopes: ScopeOption[]; mfaEnabled: boolean; errors: ApiTokenFormErrors }) {
  return (
    <Form method="post" className="mt-4 max-w-lg space-y-4">
      <input type="hidden" name="intent" value="create-api-token" />
      {errors.form ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}
      <Field label="Token name" name="tokenName" maxLength={80} required errors={errorList(errors.tokenName)} placeholder="e.g. Power BI finance workbook" />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Areas it may read</legend>
        <div className="mt-1 space-y-1">
          {scopes.map((s) => (
            <label key={s.scope} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scope" value={s.scope} aria-invalid={errors.scopes ? true : undefined} />
              {s.label}
            </label>
          ))}
        </div>
        {errors.scopes ? <p className="mt-1 text-sm text-red-700">{errors.scopes}</p> : null}
      </fieldset>
      <SelectField
        label="Expires after"
        name="expiresInDays"
        defaultValue={String(API_TOKEN_DEFAULT_DAYS)}
        errors={errorList(errors.expiresInDays)}
        options={API_TOKEN_LIFETIMES.map((d) => ({ value: String(d), label: d === 365 ? "1 year" : `${d} days` }))}
      />
      <Field
        label={mfaEnabled ? "Your password or authenticator code" : "Your password"}
        name="confirmation"
        type="password"
        autoComplete="current-password"
        required
        maxLength={256}
        hint="Asked again so that a session left open cannot create a token."
        errors={errorList(errors.confirmation)}
      />
      <SubmitButton pendingText="Creating…">Create token</SubmitButton>
    </Form>
  );
}

function TokenTable({ tokens }: { tokens: TokenRow[] }) {
  return (
    <table className="mt-4 w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">Name</th>
          <th className="py-1 pr-3 font-medium">Starts with</th>
          <th className="py-1 pr-3 font-medium">Areas</th>
          <th className="py-1 pr-3 font-medium">Expires</th>
          <th className="py-1 pr-3 font-medium">Last used</th>
          <th className="py-1 font-medium">
            <span className="sr-only">Status</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} className="border-b border-slate-100 align-top">
            <td className="py-2 pr-3">
              {t.name}
              <span className="block text-xs text-slate-500">created {t.createdAt.slice(0, 10)}</span>
            </td>
            <td className="py-2 pr-3 font-mono">{t.prefix}…</td>
            <td className="py-2 pr-3">{t.scopes.join(", ")}</td>
            <td className="py-2 pr-3">
              <time dateTime={t.expiresAt}>{instant(t.expiresAt)}</time>
            </td>
            <td className="py-2 pr-3" data-testid="token-last-used">
              {t.lastUsedAt ? (
                <>
                  <time dateTime={t.lastUsedAt}>{instant(t.lastUsedAt)}</time>
                  <span className="block text-xs text-slate-500">from {t.lastUsedIp ?? "an unknown address"}</span>
                </>
              ) : (
                "never"
              )}
            </td>
            <td className="py-2">
              {t.revokedAt ? (
                <span className="text-slate-500">
                  revoked {t.revokedAt.slice(0, 10)}
                  {revocationLabel(t.revokedReason) ? ` (${revocationLabel(t.revokedReason)})` : ""}
                </span>
              ) : t.expired ? (
                <span className="text-slate-500">expired</span>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-api-token" />
                  <input type="hidden" name="tokenId" value={t.id} />
                  <button type="submit" className="text-sm text-red-700 underline">
                    Revoke
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
