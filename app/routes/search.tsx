import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { globalSearch, SearchQuerySchema, searchableKinds } from "~/search/search.server";

// Any signed-in user may search; each kind of result is shown only to roles that may read its list.
export const access = defineAccess({ loader: "signed-in" });

export const meta: MetaFunction = () => [{ title: "Search · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const raw = new URL(request.url).searchParams.get("q") ?? "";
  const searchable = searchableKinds(user.role).length > 0;
  if (!raw.trim() || !searchable) return { q: raw.slice(0, 100), problem: null, groups: [], searchable };
  const parsed = SearchQuerySchema.safeParse(raw);
  if (!parsed.success) return { q: raw.slice(0, 100), problem: parsed.error.issues[0]!.message, groups: [], searchable };
  return { q: parsed.data, problem: null, groups: globalSearch(db, user.role, parsed.data), searchable };
}

export default function Search() {
  const { q, problem, groups, searchable } = useLoaderData<typeof loader>();
  const found = groups.reduce((n, g) => n + g.total, 0);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Search</h1>
        <p className="mt-1 text-slate-600">Workstreams, milestones, risks, engagements and obligations, by code, title and text.</p>
      </header>
      {searchable ? (
        <Form method="get" role="search" className="flex max-w-xl items-end gap-2">
          <label className="block flex-1 text-sm font-medium text-slate-700">
            Search for
            <input
              type="search"
              name="q"
              defaultValue={q}
              maxLength={100}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? "search-problem" : undefined}
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
            />
          </label>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            Search
          </button>
        </Form>
      ) : (
        <p className="text-slate-700">Your role reads the published board reports only; there is nothing else to search.</p>
      )}
      {problem ? (
        <p id="search-problem" role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      {q && !problem && searchable ? (
        <p role="status" className="text-sm text-slate-700">
          {found === 0 ? `Nothing matches “${q}”.` : `${found} ${found === 1 ? "match" : "matches"} for “${q}”.`}
        </p>
      ) : null}
      {groups
        .filter((g) => g.total > 0)
        .map((g) => (
          <section key={g.kind} aria-labelledby={`search-${g.kind}`} className="rounded border border-slate-200 bg-white p-4">
            <h2 id={`search-${g.kind}`} className="mb-2 text-lg font-semibold">
              {g.label} <span className="text-sm font-normal text-slate-600">({g.total})</span>
            </h2>
            <ul className="divide-y divide-slate-100">
              {g.hits.map((h) => (
                <li key={h.href} className="py-1.5 text-sm">
                  <Link to={h.href}>
                    <span className="font-mono">{h.code}</span> {h.title}
                  </Link>{" "}
                  <span className="text-slate-600">· {h.detail}</span>
                </li>
              ))}
            </ul>
            {g.total > g.hits.length ? (
              <p className="mt-2 text-sm">
                <Link to={g.seeAllHref}>
                  See all {g.total} {g.label.toLowerCase()}
                </Link>
              </p>
            ) : null}
          </section>
        ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
