import type { ReactNode } from "react";

/**
 * One list on a home page: a heading with its count, at most a few rows,
 * and a "see all" link when there are more (the lists are cut in SQL).
 */
export function HomeSection({
  id,
  title,
  total,
  shown,
  seeAll,
  empty,
  children,
}: {
  id: string;
  title: string;
  total: number;
  shown: number;
  seeAll?: { to: string; label: string };
  empty: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded border border-slate-200 bg-white p-4" data-testid={id}>
      <h2 id={`${id}-heading`} className="mb-2 flex items-baseline gap-2 text-lg font-semibold">
        {title}
        <span className="rounded-full bg-slate-200 px-2 text-sm font-medium text-slate-800" data-testid={`${id}-count`}>
          {total}
        </span>
      </h2>
      {total === 0 ? <p className="text-sm text-slate-600">{empty}</p> : <ul className="divide-y divide-slate-100 text-sm">{children}</ul>}
      {seeAll && total > shown ? (
        <p className="mt-2 text-sm">
          <a href={seeAll.to} className="underline">
            {seeAll.label} ({total})
          </a>
        </p>
      ) : null}
    </section>
  );
}
