import { Link } from "@remix-run/react";

type Summary = { categories: number; noWork: number; noMeasure: number; belowTarget: number };

/** The dashboard's pointer to the CSF 2.0 profile: the gaps in one line. */
export function CsfProfileLink({ summary }: { summary: Summary }) {
  return (
    <section aria-labelledby="csf-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="csf-heading" className="mb-2 text-lg font-semibold">
        NIST CSF 2.0 profile
      </h2>
      <p className="text-sm">
        Of {summary.categories} categories, {summary.belowTarget} below their target tier, {summary.noWork} with no work and {summary.noMeasure} with no
        measure. <Link to="/csf?gaps=1">See the gaps</Link> · <Link to="/csf">the whole profile</Link> · <Link to="/measures">outcome measures</Link>
      </p>
    </section>
  );
}
