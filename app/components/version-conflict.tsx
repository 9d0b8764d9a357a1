export type ConflictData = {
  entity: string;
  currentVersion: number;
  changes: Array<{ field: string; yours: unknown; theirs: unknown }>;
};

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

/**
 * Shown when an edit was made against an old version: what the other person
 * changed beside what you typed, so nothing is lost silently. The form below
 * it is re-rendered with the current version, ready to re-apply.
 */
export function VersionConflict({ conflict }: { conflict: ConflictData }) {
  return (
    <section role="alert" className="rounded border border-amber-400 bg-amber-50 p-4 text-sm">
      <h2 className="font-semibold text-amber-900">Someone else changed this {conflict.entity} while you were editing</h2>
      <p className="mt-1 text-amber-900">Your change was not saved. Compare the values, then submit again to apply yours on top of theirs.</p>
      {conflict.changes.length ? (
        <table className="mt-3 bg-white">
          <thead>
            <tr>
              <th>Field</th>
              <th>Now stored (theirs)</th>
              <th>Your value</th>
            </tr>
          </thead>
          <tbody>
            {conflict.changes.map((c) => (
              <tr key={c.field}>
                <td>{c.field}</td>
                <td>{show(c.theirs)}</td>
                <td>{show(c.yours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
