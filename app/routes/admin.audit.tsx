import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { AuditEventTable } from "~/admin/audit-event-table";
import { auditFilterOptions, auditQueryString, listAuditEvents, parseAuditQuery } from "~/admin/audit.server";
import { describeProblems } from "~/utils/query";
import { type ChainStatus, chainStatusForView } from "~/audit/checkpoint.server";
import type { ChainVerdict } from "~/audit/verify.server";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms/field";
import { db } from "~/db.server";
import { DEFAULT_PAGE_SIZE, listParamsOr400, type ListSpec } from "~/lists/list-params";
import { rangeLabel } from "~/lists/list-links";
import { PageSizeForm } from "~/components/lists/pager";
import { SearchField } from "~/components/lists/search-box";

/**
 * The trail pages by keyset on the event id (before/after), not by offset:
 * at a million events a deep offset walks the index to get there, and new
 * events arriving every second would shift every numbered page. Its order is
 * the chain's (newest first); size and search come from the shared list
 * parameters.
 */
const AUDIT_LIST: ListSpec<"id"> = { sorts: ["id"], defaultSort: "id", defaultDir: "desc" };

export const access = defineAccess({ loader: "read:audit" });

// About 5 batches of hashing per view; the rest is left to the background walk.
const VERIFY_PER_VIEW = 5000;

export const meta: MetaFunction = () => [{ title: "Audit trail · Rampart" }];

// Addresses and account names of everyone who acted: keep them out of shared and browser caches.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const url = new URL(request.url);
  const list = listParamsOr400(url, AUDIT_LIST);
  const { filter, cursor, problems } = parseAuditQuery(url.searchParams);
  const page = listAuditEvents(db, filter, cursor, list.size);
  // Paging links keep the filter and the chosen size.
  const href = (c: Parameters<typeof auditQueryString>[1] = {}) => {
    const qs = auditQueryString(filter, c);
    const size = list.size === DEFAULT_PAGE_SIZE ? "" : `${list.names.size}=${list.size}`;
    return `/admin/audit${qs}${size ? `${qs ? "&" : "?"}${size}` : ""}`;
  };
  // Only the events written since the checkpoint are verified, a bounded number per view (decision 015).
  const status = await chainStatusForView(db, VERIFY_PER_VIEW);
  const newest = page.events[0]?.id;
  const oldest = page.events.at(-1)?.id;
  return {
    filter: {
      action: filter.action ?? "",
      entity: filter.entity ?? "",
      entityId: filter.entityId ?? "",
      actor: filter.actor === undefined ? "" : String(filter.actor),
      from: filter.from ?? "",
      to: filter.to ?? "",
    },
    list: { names: list.names, size: list.size, q: filter.q ?? "" },
    notices: describeProblems([...problems, ...list.problems]),
    events: page.events,
    total: page.total,
    first: page.first,
    last: page.last,
    paged: Boolean(cursor.before || cursor.after),
    newerHref: page.hasNewer && newest ? href({ after: newest }) : null,
    olderHref: page.hasOlder && oldest ? href({ before: oldest }) : null,
    newestHref: href(),
    csvHref: `/admin/audit.csv${auditQueryString(filter)}`,
    chain: status.verdict,
    checkpoint: { verifiedThroughId: status.verifiedThroughId, verifiedAt: status.verifiedAt, pending: status.pending },
    options: auditFilterOptions(db),
  };
}

type CheckpointSummary = Pick<ChainStatus, "verifiedThroughId" | "verifiedAt" | "pending">;

function ChainBanner({ chain, checkpoint }: { chain: ChainVerdict; checkpoint: CheckpointSummary }) {
  if (chain.ok) {
    return (
      <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="chain-ok">
        {checkpoint.pending === 0
          ? `Hash chain verified: all ${chain.count} events are intact and in order.`
          : `Hash chain verified through event #${checkpoint.verifiedThroughId}: ${chain.count} events intact and in order; ${checkpoint.pending} newer events are being verified.`}
        {checkpoint.verifiedAt ? ` Last checked ${checkpoint.verifiedAt.slice(0, 19).replace("T", " ")} UTC.` : null} A full check from the first event:{" "}
        <code>npm run cli -- audit:verify</code>.
      </p>
    );
  }
  return (
    <section role="alert" className="rounded border border-red-400 bg-red-50 p-4 text-sm text-red-900" data-testid="chain-broken">
      <h2 className="font-semibold">The audit trail has been tampered with</h2>
      <p className="mt-1">
        Event #{chain.brokenId} fails verification: {chain.reason}. Events from there on cannot be trusted. Preserve the database file and treat this as a
        security incident.
      </p>
      <p className="mt-1">
        <Link to={`/admin/audit?before=${chain.brokenId + 1}`}>Show events up to #{chain.brokenId}</Link>
      </p>
    </section>
  );
}

export default function AuditTrail() {
  const { filter, list, notices, events, total, first, last, paged, newerHref, olderHref, newestHref, csvHref, chain, checkpoint, options } =
    useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Audit trail</h1>
          <p className="mt-1 text-slate-600">Every change and sign-in, newest first. Times are UTC.</p>
        </div>
        <a href={csvHref} download className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium no-underline hover:bg-slate-100">
          Export CSV
        </a>
      </header>

      <ChainBanner chain={chain} checkpoint={checkpoint} />

      <section aria-labelledby="filter-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="filter-heading" className="sr-only">
          Filter
        </h2>
        {notices.length ? (
          <ul role="alert" className="mb-3 text-sm text-amber-800">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        <Form method="get" className="grid grid-cols-2 items-end gap-3 md:grid-cols-4 lg:grid-cols-7">
          <Field label="Action" name="action" list="audit-actions" defaultValue={filter.action} placeholder="any" />
          <datalist id="audit-actions">
            {options.actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <Field label="Entity" name="entity" list="audit-entities" defaultValue={filter.entity} placeholder="any" />
          <datalist id="audit-entities">
            {options.entities.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
          <Field label="Entity id" name="entityId" defaultValue={filter.entityId} placeholder="any" />
          <label className="block text-sm font-medium text-slate-700">
            Actor
            <select
              name="actor"
              defaultValue={filter.actor}
              className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
            >
              <option value="">Anyone</option>
              <option value="system">System (no signed-in user)</option>
              {options.actors.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name} ({a.email})
                </option>
              ))}
            </select>
          </label>
          <Field label="From (UTC)" name="from" type="date" defaultValue={filter.from} />
          <Field label="To (UTC)" name="to" type="date" defaultValue={filter.to} />
          <SearchField view={list} label="Action, entity or id contains" />
          {list.size !== DEFAULT_PAGE_SIZE ? <input type="hidden" name={list.names.size} value={list.size} /> : null}
          <div className="flex items-center gap-3">
            <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
              Filter
            </button>
            <Link to="/admin/audit" className="text-sm">
              Clear
            </Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="events-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="events-heading" className="mb-3 text-lg font-semibold">
          {total} {total === 1 ? "event" : "events"}
        </h2>
        <AuditEventTable events={events} />
        <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center gap-4 text-sm" data-testid="pager">
          <p role="status" className="font-medium tabular-nums" data-testid="pager-range">
            {rangeLabel({ first, last, total }, "events")}
          </p>
          {paged ? <Link to={newestHref}>Newest</Link> : null}
          {newerHref ? <Link to={newerHref}>← Newer</Link> : null}
          {olderHref ? <Link to={olderHref}>Older →</Link> : null}
          <PageSizeForm view={list} search={search} drop={["before", "after"]} />
        </nav>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
