import { Form } from "@remix-run/react";
import { Field } from "./forms/field";
import { SubmitButton } from "./forms/submit-button";

type TokenRow = { id: number; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** Personal API tokens: created with a name, shown once, revocable. */
export function ApiTokensSection({ tokens, created, nameError }: { tokens: TokenRow[]; created: { name: string; token: string } | null; nameError?: string }) {
  return (
    <section aria-labelledby="api-tokens-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="api-tokens-heading" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        For BI tools reading <code>/api/v1/…</code> with <code>Authorization: Bearer &lt;token&gt;</code>. A token reads only what your role may read.
      </p>
      {created ? (
        <div role="status" className="mt-3 rounded border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
          <code data-testid="new-api-token" className="mt-2 block break-all rounded bg-white p-2 font-mono">
            {created.token}
          </code>
        </div>
      ) : null}
      <Form method="post" className="mt-4 flex items-end gap-3">
        <input type="hidden" name="intent" value="create-api-token" />
        <div className="flex-1">
          <Field
            label="Token name"
            name="tokenName"
            maxLength={80}
            required
            errors={nameError ? [nameError] : undefined}
            placeholder="e.g. Power BI finance workbook"
          />
        </div>
        <SubmitButton pendingText="Creating…">Create token</SubmitButton>
      </Form>
      {tokens.length ? (
        <table className="mt-4">
          <thead>
            <tr>
              <th>Name</th>
              <th>Starts with</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td className="font-mono">{t.prefix}…</td>
                <td>{t.createdAt.slice(0, 10)}</td>
                <td>{t.lastUsedAt?.slice(0, 16).replace("T", " ") ?? "never"}</td>
                <td>
                  {t.revokedAt ? (
                    <span className="text-slate-500">revoked {t.revokedAt.slice(0, 10)}</span>
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
      ) : null}
    </section>
  );
}
