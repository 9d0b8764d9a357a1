/** One figure that differs between two snapshots: its path (e.g. `spend.actualToDateCents`, `obligations[CD-01].status`), old and new value. */
export type FigureChange = { figure: string; before: Leaf; after: Leaf };
type Leaf = string | number | boolean | null;

// Rows of a snapshot's lists are named by their code (or quarter) rather than their position, so a change reads as "which one".
function rowKey(value: unknown, index: number): string {
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    for (const k of ["code", "quarter"]) if (typeof v[k] === "string") return String(v[k]);
  }
  return String(index);
}

function flatten(value: unknown, path: string, out: Map<string, Leaf>): Map<string, Leaf> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}[${rowKey(v, i)}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  else if (value !== undefined) out.set(path, value as Leaf);
  return out;
}

/**
 * Every figure whose value differs between the approved snapshot and the one
 * computed now, in the approved snapshot's order (figures only one side has
 * show null on the other). Empty when the two are the same.
 */
export function snapshotDifferences(before: unknown, after: unknown): FigureChange[] {
  const a = flatten(before, "", new Map());
  const b = flatten(after, "", new Map());
  const figures = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  return figures.filter((f) => (a.get(f) ?? null) !== (b.get(f) ?? null)).map((f) => ({ figure: f, before: a.get(f) ?? null, after: b.get(f) ?? null }));
}
