import type { z } from "zod";

export type QueryProblem = { param: string; value: string; message: string };

/**
 * Reads a page's filters from its URL one parameter at a time, so a single
 * bad value (a hand-edited or stale shared link) is reported and dropped
 * instead of failing the page. Empty values count as absent: a GET form
 * submits every field, chosen or not.
 */
export function parseQueryParams<Shape extends Record<string, z.ZodType>>(
  shape: Shape,
  params: URLSearchParams,
): { values: { [K in keyof Shape]?: z.output<Shape[K]> }; problems: QueryProblem[] } {
  const values: { [K in keyof Shape]?: z.output<Shape[K]> } = {};
  const problems: QueryProblem[] = [];
  for (const [param, schema] of Object.entries(shape) as Array<[keyof Shape & string, z.ZodType]>) {
    const all = params.getAll(param).filter((v) => v.trim() !== "");
    if (all.length === 0) continue;
    if (all.length > 1) {
      problems.push({ param, value: all.join(", "), message: "was given more than once" });
      continue;
    }
    const raw = all[0]!;
    const parsed = schema.safeParse(raw);
    if (parsed.success) values[param] = parsed.data as z.output<Shape[typeof param]>;
    else problems.push({ param, value: raw.slice(0, 80), message: parsed.error.issues[0]?.message ?? "is not valid" });
  }
  return { values, problems };
}

/** "Ignored role="x": use one of …." — `lead` is "Invalid" where a bad value refuses the request instead. */
export function describeProblems(problems: QueryProblem[], lead = "Ignored"): string[] {
  return problems.map((p) => `${lead} ${p.param}="${p.value}": ${p.message}.`);
}
