export type DependencyEdge = { milestoneId: number; dependsOnId: number };

/**
 * The cycle that giving `milestoneId` exactly the dependencies `dependsOn`
 * would create, as the ids along it starting and ending with `milestoneId`
 * (e.g. [A, B, C, A]), or null when the graph stays acyclic. Other
 * milestones' dependencies are taken from `edges`; the milestone's own
 * existing edges are replaced.
 */
export function findDependencyCycle(edges: readonly DependencyEdge[], milestoneId: number, dependsOn: readonly number[]): number[] | null {
  const next = new Map<number, number[]>();
  const add = (from: number, to: number) => {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  for (const e of edges) if (e.milestoneId !== milestoneId) add(e.milestoneId, e.dependsOnId);
  for (const d of dependsOn) add(milestoneId, d);
  return cycleThrough(next, milestoneId);
}

/** Whole-graph check (CSV import): the first cycle found, or null. */
export function findAnyCycle(edges: readonly DependencyEdge[]): number[] | null {
  const next = new Map<number, number[]>();
  for (const e of edges) next.set(e.milestoneId, [...(next.get(e.milestoneId) ?? []), e.dependsOnId]);
  const done = new Set<number>();
  for (const start of next.keys()) {
    if (done.has(start)) continue;
    const found = dfs(next, start, done);
    if (found) return found;
  }
  return null;
}

function cycleThrough(next: Map<number, number[]>, start: number): number[] | null {
  // Iterative DFS from start, looking for a path back to start.
  const parent = new Map<number, number>();
  const stack = [...(next.get(start) ?? [])].map((n) => ({ node: n, from: start }));
  const seen = new Set<number>();
  while (stack.length) {
    const { node, from } = stack.pop()!;
    if (node === start) {
      const trail: number[] = [];
      for (let at = from; at !== start; at = parent.get(at)!) trail.push(at);
      return [start, ...trail.reverse(), start];
    }
    if (seen.has(node)) continue;
    seen.add(node);
    parent.set(node, from);
    for (const n of next.get(node) ?? []) stack.push({ node: n, from: node });
  }
  return null;
}

function dfs(next: Map<number, number[]>, start: number, done: Set<number>): number[] | null {
  const onPath: number[] = [];
  const onPathSet = new Set<number>();
  const visit = (node: number): number[] | null => {
    if (onPathSet.has(node)) return [...onPath.slice(onPath.indexOf(node)), node];
    if (done.has(node)) return null;
    onPath.push(node);
    onPathSet.add(node);
    for (const n of next.get(node) ?? []) {
      const found = visit(n);
      if (found) return found;
    }
    onPath.pop();
    onPathSet.delete(node);
    done.add(node);
    return null;
  };
  return visit(start);
}

/** "M-01 → M-02 → M-01", for the refusal message. */
export function describeCycle(cycle: readonly number[], codeOf: (id: number) => string): string {
  return cycle.map(codeOf).join(" → ");
}
