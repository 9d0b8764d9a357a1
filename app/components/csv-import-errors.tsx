import type { CsvError } from "~/utils/csv.server";

/**
 * Every problem of a refused import, by line and column, with the reassurance
 * that nothing was written. One table for every CSV import (milestones,
 * risks, measure values, actuals). A file can hold tens of thousands of bad
 * rows, so `limit` caps the rows drawn and says how many more there are.
 */
export function CsvImportErrors({ errors, limit }: { errors: CsvError[]; limit?: number }) {
  if (!errors.length) return null;
  const shown = limit === undefined ? errors : errors.slice(0, limit);
  return (
    <section role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm">
      <h2 className="font-semibold text-red-900">Nothing was imported: {errors.length} problem(s). Fix the file and upload it again.</h2>
      <table className="mt-2 bg-white" data-testid="import-errors">
        <thead>
          <tr>
            <th>Line</th>
            <th>Column</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e, i) => (
            <tr key={`${e.line}-${e.column}-${i}`}>
              <td className="tabular-nums">{e.line || "—"}</td>
              <td className="font-mono">{e.column ?? "—"}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > shown.length ? <p className="mt-1">…and {errors.length - shown.length} more.</p> : null}
    </section>
  );
}
