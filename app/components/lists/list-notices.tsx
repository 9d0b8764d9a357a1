import type { QueryProblem } from "~/utils/query";
import { describeProblems } from "~/utils/query";

/** Why a list ignored part of its URL (a stale page size, an unknown sort): said, not silently swallowed. */
export function ListNotices({ problems }: { problems: QueryProblem[] }) {
  if (!problems.length) return null;
  return (
    <ul role="status" className="text-sm text-amber-800" data-testid="list-notices">
      {describeProblems(problems).map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
