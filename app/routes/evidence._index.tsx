import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EVIDENCE_FILE_TYPES, EVIDENCE_PARENT_KINDS } from "#db/schema/evidence";
import { defineAccess } from "~/auth/access";
import { roleHasPermission } from "~/auth/permissions";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { CurrencyBadge, formatBytes } from "~/evidence/evidence-list";
import { evidenceRegister, REGISTER_PAGE_SIZE } from "~/evidence/evidence.server";
import { EVIDENCE_TYPES } from "~/evidence/file-types";
import { PARENT_LABELS } from "~/evidence/parent-labels";
import { parseRegisterQuery, REGISTER_STATES } from "~/evidence/register-filters";
import { EXPIRING_DAYS } from "~/figures/obligations-evidence";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "read:program" });

export const meta: MetaFunction = () => [{ title: "Evidence · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const params = new URL(request.url).searchParams;
  const { filters, page, ignored } = parseRegisterQuery(params);
  const asOf = todayIso();
  const { total, rows } = evidenceRegister(db, filters, asOf, { offset: (page - 1) * REGISTER_PAGE_SIZE, limit: REGISTER_PAGE_SIZE });
  const query = new URLSearchParams(
    Object.entries({ parent: filters.parentKind, state: filters.state, type: filters.fileType }).flatMap(([k, v]) => (v ? [[k, v]] : [])),
  );
  return {
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE)),
    filters,
    ignored,
    asOf,
    query: query.toString(),
    canExport: roleHasPermission(user.role, "export:data"),
  };
}

const STATE_LABELS: Record<(typeof REGISTER_STATES)[number], string> = {
  current: "Current",
  expiring: `Expiring within ${EXPIRING_DAYS} days`,
  expired: "Expired",
};

export default function EvidenceRegister() {
  const { rows, total, page, pages, filters, ignored, asOf, query, canExport } = useLoaderData<typeof loader>();
  const pageHref = (n: number) => `/evidence?${new URLSearchParams([...new URLSearchParams(query), ["page", String(n)]]).toString()}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Evidence</h1>
      <p className="text-sm text-slate-600">
        The newest version of every evidence file as of {asOf}: what it proves, when it expires and its SHA-256. Files are added on the page of what they prove.
      </p>
      {ignored.length ? (
        <ul className="text-sm text-amber-800" role="status">
          {ignored.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          Attached to
          <select name="parent" defaultValue={filters.parentKind ?? ""} className="ml-1 rounded border border-slate-300 px-2 py-1">
            <option value="">Anything</option>
            {EVIDENCE_PARENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {PARENT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select name="state" defaultValue={filters.state ?? ""} className="ml-1 rounded border border-slate-300 px-2 py-1">
            <option value="">Any</option>
            {REGISTER_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select name="type" defaultValue={filters.fileType ?? ""} className="ml-1 rounded border border-slate-300 px-2 py-1">
            <option value="">Any</option>
            {EVIDENCE_FILE_TYPES.map((t) => (
              <option key={t} value={t}>
                {EVIDENCE_TYPES[t].label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 font-medium text-white">
          Filter
        </button>
        {canExport ? <a href={`/evidence.csv${query ? `?${query}` : ""}`}>Export CSV</a> : null}
      </Form>
      <p className="text-sm" data-testid="evidence-count">
        {total} evidence file{total === 1 ? "" : "s"}
        {pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </p>
      {rows.length ? (
        <table className="text-sm">
          <thead>
            <tr>
              <th>Evidence</th>
              <th>Attached to</th>
              <th>Evidence date</th>
              <th>Expires</th>
              <th>State</th>
              <th>File</th>
              <th>SHA-256</th>
              <th>Uploaded</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={`/evidence/${e.id}`}>{e.title}</Link>
                </td>
                <td>
                  <span className="text-slate-500">{PARENT_LABELS[e.parentKind]}:</span>{" "}
                  {e.parentHref ? <Link to={e.parentHref}>{e.parentLabel}</Link> : e.parentLabel}
                </td>
                <td>{e.evidenceDate}</td>
                <td>{e.expiresOn ?? "—"}</td>
                <td>
                  <CurrencyBadge currency={e.currency} />
                </td>
                <td>
                  <a href={`/evidence/${e.id}/download`} download>
                    {e.fileName}
                  </a>{" "}
                  <span className="text-slate-500">
                    {EVIDENCE_TYPES[e.fileType].label}, {formatBytes(e.sizeBytes)}
                  </span>
                </td>
                <td>
                  <code className="text-xs" title={e.sha256}>
                    {e.sha256.slice(0, 16)}…
                  </code>
                </td>
                <td>
                  {e.uploaderName ?? "—"}, {e.uploadedAt.slice(0, 10)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">No evidence matches.</p>
      )}
      {pages > 1 ? (
        <nav className="flex gap-4 text-sm" aria-label="Pages">
          {page > 1 ? <Link to={pageHref(page - 1)}>‹ Previous</Link> : null}
          {page < pages ? <Link to={pageHref(page + 1)}>Next ›</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
