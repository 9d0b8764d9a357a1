import type { ReactNode } from "react";
import { EvidenceForm } from "./evidence-form";
import { EvidenceList } from "./evidence-list";
import type { EvidenceSectionData } from "./section.server";

/** The evidence section of a parent page (obligation, deliverable, milestone, acceptance, board report). */
export function EvidenceSection({ data, title = "Evidence files", children }: { data: EvidenceSectionData; title?: string; children?: ReactNode }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-4" aria-label={title}>
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      {children}
      <EvidenceList items={data.items} />
      {data.uploadAction ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-sky-800">Add evidence</summary>
          <div className="mt-2">
            <EvidenceForm action={data.uploadAction} today={data.today} maxMb={data.maxMb} />
          </div>
        </details>
      ) : data.closedReason ? (
        <p className="mt-2 text-sm text-slate-600">{data.closedReason}</p>
      ) : null}
    </section>
  );
}
