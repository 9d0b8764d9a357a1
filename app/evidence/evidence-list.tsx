import { Link } from "@remix-run/react";
import type { EvidenceCurrency } from "~/figures/obligations-evidence";
import { EVIDENCE_TYPES, type EvidenceType } from "./file-types";

export type EvidenceListItem = {
  id: number;
  title: string;
  evidenceDate: string;
  expiresOn: string | null;
  fileName: string;
  fileType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  uploaderName: string | null;
  uploadedAt: string;
  currency: EvidenceCurrency;
  versions?: number;
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const CURRENCY: Record<EvidenceCurrency, { label: string; className: string }> = {
  current: { label: "Current", className: "bg-green-100 text-green-900" },
  expiring: { label: "Expiring soon", className: "bg-amber-100 text-amber-900" },
  expired: { label: "Expired", className: "bg-red-100 text-red-900" },
  future: { label: "Dated ahead", className: "bg-slate-100 text-slate-800" },
};

export function CurrencyBadge({ currency }: { currency: EvidenceCurrency }) {
  const c = CURRENCY[currency];
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${c.className}`}>{c.label}</span>;
}

/** Evidence rows with their hash, state and a download link. */
export function EvidenceList({ items }: { items: EvidenceListItem[] }) {
  if (!items.length) return <p className="text-sm text-slate-600">No evidence attached.</p>;
  return (
    <table className="text-sm">
      <thead>
        <tr>
          <th>Evidence</th>
          <th>Evidence date</th>
          <th>Expires</th>
          <th>State</th>
          <th>File</th>
          <th>SHA-256</th>
          <th>Uploaded</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            <td>
              <Link to={`/evidence/${e.id}`}>{e.title}</Link>
              {e.versions && e.versions > 1 ? <span className="text-slate-500"> (version {e.versions})</span> : null}
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
              <code title={e.sha256} className="text-xs">
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
  );
}
