import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms/submit-button";
import { db } from "~/db.server";
import { listNotifications, markRead } from "~/notifications/centre.server";
import { readForm } from "~/utils/form.server";
import { redirectWithToast } from "~/utils/toast.server";

export const access = defineAccess({ loader: "signed-in", action: "signed-in" });

export const meta: MetaFunction = () => [{ title: "Notifications · Rampart" }];

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return listNotifications(db, user.id, page);
}

const MarkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const parsed = MarkSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return Response.json({ error: "Unknown request: mark one reminder or all of them as read." }, { status: 400 });
  const changed = markRead(db, auditContext(user.id, context), user.id, parsed.data.intent === "read" ? parsed.data.id : "all");
  return redirectWithToast("/notifications", { kind: "success", message: changed === 1 ? "Marked as read." : `${changed} reminders marked as read.` });
}

export default function Notifications() {
  const { items, total, page, pages } = useLoaderData<typeof loader>();
  const unread = items.some((i) => !i.readAt);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Notifications</h1>
          <p className="mt-1 text-slate-600">
            {total === 0 ? "Nothing needs your attention." : `${total} reminder${total === 1 ? "" : "s"}, overdue first.`} A reminder goes away by itself when
            what it is about is done.
          </p>
        </div>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <SubmitButton pendingText="Marking…">Mark all as read</SubmitButton>
          </Form>
        ) : null}
      </header>
      {items.length ? (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-wrap items-center gap-3 px-4 py-3 ${n.readAt ? "" : "bg-sky-50"}`}>
              <span
                className={`rounded px-2 py-0.5 text-xs font-semibold ${n.urgency === "overdue" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900"}`}
              >
                {n.urgency === "overdue" ? "Overdue" : "Due"}
              </span>
              <Link to={`/notifications/${n.id}`} className={n.readAt ? "" : "font-semibold"}>
                {n.title}
              </Link>
              {n.readAt ? null : (
                <Form method="post" className="ml-auto">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="text-sm text-sky-800 underline">
                    Mark as read<span className="sr-only">: {n.title}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {page > 1 ? <Link to={`?page=${page - 1}`}>Previous</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={`?page=${page + 1}`}>Next</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
