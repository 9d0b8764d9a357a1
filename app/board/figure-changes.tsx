import { formatCents } from "~/utils/format";
import type { FigureChange } from "./snapshot-diff";

// Figures named …Cents are money; anything else reads as stored.
function show(figure: string, value: FigureChange["before"]): string {
  if (value === null) return "—";
  if (typeof value === "number" && /Cents$/.test(figure)) return formatCents(value, { exact: true });
  return String(value);
}

/** The figures that moved between approval and the attempted publication, old → new. */
export function FigureChanges({ changes }: { changes: FigureChange[] }) {
  return (
    <section aria-label="Figures changed since approval" className="rounded border border-red-300 bg-red-50 p-3" data-testid="figure-changes">
      <h2 className="text-base font-semibold">Figures changed since approval ({changes.length})</h2>
      <table className="mt-2 text-sm">
        <thead>
          <tr>
            <th className="pr-4 text-left">Figure</th>
            <th className="pr-4 text-right">Approved</th>
            <th className="text-right">Now</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.figure}>
              <td className="pr-4 font-mono text-xs">{c.figure}</td>
              <td className="pr-4 text-right">{show(c.figure, c.before)}</td>
              <td className="text-right">→ {show(c.figure, c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
