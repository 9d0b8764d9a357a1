import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { longDate } from "~/board/pack/content";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { disclosureFor } from "~/disclosure/query.server";
import { sectionsForPage } from "~/disclosure/statements";
import { todayIso } from "~/time/today.server";

export const access = defineAccess({ loader: "draft:disclosure" });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Governance disclosure draft FY${data?.fiscalYear ?? ""} · Rampart` }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const { sources, sections, years } = disclosureFor(db, new URL(request.url), todayIso());
  // At 100x a statement cites 900 workstreams or 1,400 risks: the page lists the first few, the Markdown draft every one.
  return { fiscalYear: sources.fiscalYear, asOf: sources.asOf, sections: sectionsForPage(sections), years };
}

/** The annual cybersecurity governance narrative (SEC Regulation S-K Item 106), drafted from the programme's rows, each statement citing them. */
export default function DisclosurePage() {
  const { fiscalYear, asOf, sections, years } = useLoaderData<typeof loader>();
  return (
    <article className="min-w-0 space-y-6">
      <header className="space-y-2">
        <h1 className="text-xl font-semibold sm:text-2xl">Governance disclosure draft, fiscal {fiscalYear}</h1>
        <p className="text-sm text-slate-700">
          A first draft of the annual cybersecurity risk-management, strategy and governance narrative (SEC Regulation S-K Item 106), from the programme's data
          as of {longDate(asOf)}. Every statement lists the rows behind it; bracketed passages ask counsel for what the data cannot say.
        </p>
        <Form method="get" className="no-print flex flex-wrap items-end gap-2">
          <label className="text-sm">
            Fiscal year{" "}
            <select name="fy" defaultValue={fiscalYear}>
              {years.map((y) => (
                <option key={y} value={y}>
                  FY{y}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Show</button>
          <a href={`/board/disclosure.md?fy=${fiscalYear}`} download className="text-sm">
            Download as Markdown for counsel
          </a>
        </Form>
      </header>
      {sections.map((s) => (
        <section
          key={s.id}
          aria-labelledby={`${s.id}-heading`}
          className="space-y-3 rounded border border-slate-200 bg-white p-3 sm:p-4"
          data-testid={`disclosure-${s.id}`}
        >
          <h2 id={`${s.id}-heading`} className="text-lg font-semibold">
            {s.title} <span className="text-sm font-normal text-slate-600">({s.item})</span>
          </h2>
          {s.statements.map((st, i) => (
            <div key={i} className="space-y-1">
              <p>{st.text}</p>
              {st.sources.length ? (
                <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700" aria-label="Sources">
                  {st.sources.map((src) => (
                    <li key={`${src.kind}-${src.ref}`}>
                      {src.href ? (
                        <Link to={src.href} className="inline-block min-h-6">
                          {src.label}
                        </Link>
                      ) : (
                        src.label
                      )}
                    </li>
                  ))}
                  {st.moreSources ? (
                    <li>
                      <a href={`/board/disclosure.md?fy=${fiscalYear}`} download className="inline-block min-h-6">
                        and {st.moreSources.toLocaleString("en-US")} more in the Markdown draft
                      </a>
                    </li>
                  ) : null}
                </ul>
              ) : null}
            </div>
          ))}
        </section>
      ))}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
