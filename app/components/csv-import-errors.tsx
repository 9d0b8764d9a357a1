import type { CsvError } from "~/utils/csv.server";

/** Every problem of a refused import, by line and column, with the reassurance that nothing was written. */
export function CsvImportErrors({ errors }: { errors: CsvError[] }) {
  if (!errors.length) return null;
  return (
    <section role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm">
      <h2 className="font-semibold text-red-900">Nothing was imported: {errors.length} problem(s)</h2>
      <table className="mt-2 bg-white" data-testid="import-errors">
        <thead>
          <tr>
            <th>Line</th>
            <th>Column</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.line}-${e.column}-${i}`}>
              <td className="tabular-nums">{e.line || "—"}</td>
              <td className="font-mono">{e.column ?? "—"}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
