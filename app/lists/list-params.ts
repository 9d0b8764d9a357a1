import { z } from "zod";
import type { QueryProblem } from "~/utils/query";

/** The page sizes a list offers; anything else in the URL falls back to the default. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** A search longer than this is refused: no title or code is that long, and `like` over it costs for nothing. */
export const MAX_SEARCH_LENGTH = 200;
/** Far beyond any real list (1,000,000 audit events / 25 = 40,000 pages); bounds the offset SQL receives. */
export const MAX_PAGE = 1_000_000;

export type SortDir = "asc" | "desc";

/** What one list accepts: its sort keys (an allow-list), the default order, and a prefix when a page holds two lists. */
export type ListSpec<S extends string> = {
  sorts: readonly [S, ...S[]];
  defaultSort: S;
  defaultDir: SortDir;
  /** Prepended to every parameter name, e.g. "actuals-" gives `actuals-page`, so two lists on one page keep their own state. */
  prefix?: string;
};

export type ListParamNames = { page: string; size: string; sort: string; dir: string; q: string };

export type ListParams<S extends string = string> = {
  page: number;
  size: number;
  sort: S;
  dir: SortDir;
  /** Trimmed; "" when there is no search. */
  q: string;
  names: ListParamNames;
  defaultSort: S;
  defaultDir: SortDir;
  /** Values dropped for their default, to tell the user why the list looks as it does. */
  problems: QueryProblem[];
};

export function listParamNames(prefix = ""): ListParamNames {
  return { page: `${prefix}page`, size: `${prefix}size`, sort: `${prefix}sort`, dir: `${prefix}dir`, q: `${prefix}q` };
}

const PageSchema = z
  .string()
  .regex(/^\d{1,7}$/, "use a page number")
  .transform(Number)
  .pipe(z.number().int().min(1, "pages start at 1").max(MAX_PAGE, `use a page up to ${MAX_PAGE}`));
const SizeSchema = z
  .string()
  .regex(/^\d{1,3}$/, `use one of ${PAGE_SIZES.join(", ")}`)
  .transform(Number)
  .pipe(
    z.union(PAGE_SIZES.map((s) => z.literal(s)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>, z.ZodLiteral<200>], {
      error: `use one of ${PAGE_SIZES.join(", ")}`,
    }),
  );
const DirSchema = z.enum(["asc", "desc"], { error: "use asc or desc" });
export const SearchSchema = z.string().trim().max(MAX_SEARCH_LENGTH, `use at most ${MAX_SEARCH_LENGTH} characters`);

/** Thrown for a search that cannot be honoured: the route answers 400 with the reason rather than showing unfiltered rows as if they matched. */
export class ListParamsError extends Error {}

function single(params: URLSearchParams, name: string, problems: QueryProblem[]): string | undefined {
  const all = params.getAll(name).filter((v) => v.trim() !== "");
  if (all.length > 1) {
    problems.push({ param: name, value: all.join(", ").slice(0, 80), message: "was given more than once" });
    return undefined;
  }
  return all[0];
}

/**
 * Page, size, sort, direction and search of a list from its URL. A bad
 * page, size, sort or direction (a stale or hand-edited link) falls back to
 * the default and is reported in `problems`; a search over the limit throws
 * ListParamsError, which `listParamsOr400` turns into a 400.
 */
export function parseListParams<S extends string>(params: URLSearchParams, spec: ListSpec<S>): ListParams<S> {
  const names = listParamNames(spec.prefix);
  const problems: QueryProblem[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = single(params, name, problems);
    if (raw === undefined) return fallback;
    const parsed = schema.safeParse(raw.trim());
    if (parsed.success) return parsed.data;
    problems.push({ param: name, value: raw.slice(0, 80), message: parsed.error.issues[0]?.message ?? "is not valid" });
    return fallback;
  };
  const SortSchema = z.enum(spec.sorts as unknown as [S, ...S[]], { error: `use one of ${spec.sorts.join(", ")}` }) as unknown as z.ZodType<S>;
  const rawQ = params.getAll(names.q);
  if (rawQ.length > 1) throw new ListParamsError(`${names.q} was given more than once.`);
  const q = SearchSchema.safeParse(rawQ[0] ?? "");
  if (!q.success) throw new ListParamsError(`${names.q} is too long: ${q.error.issues[0]?.message ?? "shorten it"}.`);
  const sort = read(names.sort, SortSchema, spec.defaultSort);
  // A direction without a sort of its own applies to the default sort, as the header link wrote it.
  const dir = read(names.dir, DirSchema, spec.defaultDir);
  return {
    page: read(names.page, PageSchema, 1),
    size: read(names.size, SizeSchema, DEFAULT_PAGE_SIZE),
    sort,
    dir,
    q: q.data,
    names,
    defaultSort: spec.defaultSort,
    defaultDir: spec.defaultDir,
    problems,
  };
}

/** parseListParams for a loader: a search it cannot honour is a 400 with the reason, never a 500. */
export function listParamsOr400<S extends string>(url: URL, spec: ListSpec<S>): ListParams<S> {
  try {
    return parseListParams(url.searchParams, spec);
  } catch (error) {
    if (error instanceof ListParamsError) throw new Response(error.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
