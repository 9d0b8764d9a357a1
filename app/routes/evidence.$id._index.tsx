import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { requireReadableEvidence } from "~/evidence/access.server";
import { CurrencyBadge, formatBytes } from "~/evidence/evidence-list";
import { versionChain } from "~/evidence/evidence.server";
import { EVIDENCE_TYPES } from "~/evidence/file-types";
import { PARENT_LABELS } from "~/evidence/parent-labels";
import { uploadHref } from "~/evidence/schemas";
import { evidenceCurrency } from "~/figures/obligations-evidence.server";
import { todayIso } from "~/time/today.server";

// Reading evidence takes the parent's read permission (a board member: published reports only), checked per row.
export const access = defineAccess({ loader: "signed-in" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.row.title ?? "Evidence"} · Rampart` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { row, parent } = requireReadableEvidence(db, user, Number(params.id));
  const today = todayIso();
  const versions = versionChain(db, row).map((v) => ({
    id: v.id,
    fileName: v.fileName,
    sha256: v.sha256,
    uploadedAt: v.uploadedAt,
    evidenceDate: v.evidenceDate,
  }));
  const latest = versions.at(-1)!.id === row.id;
  return {
    row,
    currency: evidenceCurrency(row, today),
    parent: { kind: PARENT_LABELS[parent.kind], label: parent.label, href: parent.href },
    versions,
    newVersionHref: latest && !parent.closedReason && parent.uploadable(user) ? uploadHref({ previous: row.id }) : null,
  };
}

export default function EvidenceDetail() {
  const { row, currency, parent, versions, newVersionHref } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl space-y-4">
      <p className="text-sm">
        <Link to="/evidence">Evidence</Link> › <Link to={parent.href}>{parent.label}</Link> ›
      </p>
      <h1 className="text-2xl font-semibold">{row.title}</h1>
      {row.description ? <p className="whitespace-pre-line">{row.description}</p> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Attached to</dt>
        <dd>
          {parent.kind}: <Link to={parent.href}>{parent.label}</Link>
        </dd>
        <dt className="font-medium">Evidence date</dt>
        <dd>{row.evidenceDate}</dd>
        <dt className="font-medium">Expires</dt>
        <dd>
          {row.expiresOn ?? "—"} <CurrencyBadge currency={currency} />
        </dd>
        <dt className="font-medium">File</dt>
        <dd>
          <a href={`/evidence/${row.id}/download`} download>
            {row.fileName}
          </a>{" "}
          ({EVIDENCE_TYPES[row.fileType].label}, {formatBytes(row.sizeBytes)})
        </dd>
        <dt className="font-medium">SHA-256</dt>
        <dd>
          <code className="break-all text-xs">{row.sha256}</code>
        </dd>
        <dt className="font-medium">Uploaded</dt>
        <dd>
          {row.uploaderName ?? "—"}, {row.uploadedAt}
        </dd>
      </dl>
      {versions.length > 1 ? (
        <section>
          <h2 className="text-lg font-semibold">Versions</h2>
          <ol className="list-decimal pl-6 text-sm">
            {versions.map((v) => (
              <li key={v.id}>
                {v.id === row.id ? <strong>{v.fileName}</strong> : <Link to={`/evidence/${v.id}`}>{v.fileName}</Link>} · evidence date {v.evidenceDate} ·
                uploaded {v.uploadedAt.slice(0, 10)} · <code className="text-xs">{v.sha256.slice(0, 16)}…</code>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {newVersionHref ? (
        <p>
          <Link to={newVersionHref} className="font-medium">
            Upload a new version
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
