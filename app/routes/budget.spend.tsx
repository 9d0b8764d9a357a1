import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { COST_CATEGORIES, COST_CLASSES } from "#db/schema/enums";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, SelectField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ConflictData, VersionConflict } from "~/components/version-conflict";
import { db } from "~/db.server";
import { centsToDecimal } from "~/money/cents";
import { moneyLookups } from "~/budget/lookups.server";
import { SPEND_FIELDS, SpendSchema } from "~/budget/spend-schema";
import { pageSpend, SPEND_LISTS, SpendFieldError, saveSpend, spendForEdit } from "~/budget/spend.server";
import { listParamsOr400 } from "~/lists/list-params";
import { Pager } from "~/components/lists/pager";
import { SearchBox } from "~/components/lists/search-box";
import { SortHeader } from "~/components/lists/sort-header";
import { ListNotices } from "~/components/lists/list-notices";
import { conflictData, VersionConflictError } from "~/utils/concurrency.server";
import { formatCents, humanize } from "~/utils/format";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:budget:any", action: "update:budget:any" });

export const meta: MetaFunction = () => [{ title: "Commitments and actuals · Rampart" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const url = new URL(request.url);
  const actualList = listParamsOr400(url, SPEND_LISTS.actuals);
  const commitmentList = listParamsOr400(url, SPEND_LISTS.commitments);
  const edit = /^(actual|commitment):(\d+)$/.exec(url.searchParams.get("edit") ?? "");
  const editing = edit ? spendForEdit(db, edit[1] as "actual" | "commitment", Number(edit[2])) : null;
  if (edit && !editing) throw new Response("No such commitment or actual.", { status: 404 });
  const lookups = moneyLookups(db);
  return {
    editing,
    lists: { actuals: pageSpend(db, "actuals", actualList), commitments: pageSpend(db, "commitments", commitmentList) },
    problems: [...actualList.problems, ...commitmentList.problems],
    workstreams: lookups.workstreams,
    engagements: lookups.engagements,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: SpendSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null as ConflictData | null }, { status: 400 });
  const input = submission.value;
  try {
    saveSpend(db, auditContext(user.id, context), input);
  } catch (error) {
    if (error instanceof SpendFieldError)
      return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }), conflict: null }, { status: 400 });
    if (error instanceof VersionConflictError) {
      const mine = { ...input, amountCents: input.amount };
      return data({ result: submission.reply(), conflict: conflictData(error, mine, SPEND_FIELDS) as ConflictData | null }, { status: 409 });
    }
    throw error;
  }
  return redirectWithToast("/budget/spend", { kind: "success", message: `${humanize(input.kind)} ${input.reference} saved.` });
}

export default function Spend() {
  const { editing, lists, problems, workstreams, engagements } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: editing ? `${editing.kind}-${editing.id}-${editing.version}` : "new",
    lastResult: actionData?.result as never,
    defaultValue: editing
      ? {
          kind: editing.kind,
          reference: editing.reference,
          date: editing.date,
          amount: centsToDecimal(editing.amountCents),
          workstream: editing.workstream,
          engagement: editing.engagement ?? "",
          category: editing.category,
          costClass: editing.costClass,
          description: editing.description,
          tags: editing.tags.join(", "),
        }
      : { kind: "actual", costClass: "opex", category: "vendor" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpendSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const version = actionData?.conflict?.currentVersion ?? editing?.version;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/budget">Budget</Link> ›
        </p>
        <h1 className="text-2xl font-semibold">Commitments and actuals</h1>
        <p className="text-sm text-slate-500">
          Record a purchase order or SOW commitment, or a single invoice. Bulk invoices: <Link to="/budget/actuals/import">import a finance CSV</Link>.
        </p>
      </header>
      <section className="max-w-3xl rounded border border-slate-200 bg-white p-4">
        <h2 className="mb-3 text-lg font-semibold">{editing ? `Edit ${editing.kind} ${editing.reference}` : "New commitment or actual"}</h2>
        {actionData?.conflict ? <VersionConflict conflict={actionData.conflict} /> : null}
        <Form method="post" className="grid gap-3 md:grid-cols-2" {...getFormProps(form)}>
          <div className="md:col-span-2">
            <FormErrors errors={form.errors} />
          </div>
          {editing ? (
            <>
              <input type="hidden" name="id" value={editing.id} />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="kind" value={editing.kind} />
            </>
          ) : (
            <SelectField
              label="Kind"
              options={[
                { value: "actual", label: "Actual (invoice)" },
                { value: "commitment", label: "Commitment (PO / SOW)" },
              ]}
              errors={fields.kind.errors}
              errorId={fields.kind.errorId}
              {...getSelectProps(fields.kind)}
            />
          )}
          <Field label="Reference" errors={fields.reference.errors} errorId={fields.reference.errorId} {...getInputProps(fields.reference, { type: "text" })} />
          <Field label="Date" errors={fields.date.errors} errorId={fields.date.errorId} {...getInputProps(fields.date, { type: "date" })} />
          <Field
            label="Amount ($)"
            inputMode="decimal"
            errors={fields.amount.errors}
            errorId={fields.amount.errorId}
            {...getInputProps(fields.amount, { type: "text" })}
          />
          <SelectField
            label="Workstream"
            options={[{ value: "", label: "—" }, ...workstreams.map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))]}
            errors={fields.workstream.errors}
            errorId={fields.workstream.errorId}
            {...getSelectProps(fields.workstream)}
          />
          <SelectField
            label="Engagement"
            options={[{ value: "", label: "None" }, ...engagements.map((e) => ({ value: e.sowReference, label: `${e.sowReference} ${e.title}` }))]}
            errors={fields.engagement.errors}
            errorId={fields.engagement.errorId}
            {...getSelectProps(fields.engagement)}
          />
          <SelectField
            label="Category"
            options={COST_CATEGORIES.map((c) => ({ value: c, label: humanize(c) }))}
            errors={fields.category.errors}
            errorId={fields.category.errorId}
            {...getSelectProps(fields.category)}
          />
          <SelectField
            label="Cost class"
            options={COST_CLASSES.map((c) => ({ value: c, label: c }))}
            errors={fields.costClass.errors}
            errorId={fields.costClass.errorId}
            {...getSelectProps(fields.costClass)}
          />
          <Field
            label="Description"
            errors={fields.description.errors}
            errorId={fields.description.errorId}
            {...getInputProps(fields.description, { type: "text" })}
          />
          <Field
            label="Funding tags (actuals)"
            hint="e.g. settlement, fcc-decree"
            errors={fields.tags.errors}
            errorId={fields.tags.errorId}
            {...getInputProps(fields.tags, { type: "text" })}
          />
          <div className="md:col-span-2">
            <SubmitButton>Save</SubmitButton> {editing ? <Link to="/budget/spend">Cancel</Link> : null}
          </div>
        </Form>
      </section>
      <ListNotices problems={problems} />
      <div className="grid gap-4 lg:grid-cols-2">
        {(["actuals", "commitments"] as const).map((k) => (
          <section key={k} className="rounded border border-slate-200 bg-white p-4" aria-labelledby={`${k}-heading`} data-testid={`${k}-list`}>
            <h2 id={`${k}-heading`} className="mb-2 text-lg font-semibold">
              {k === "actuals" ? "Actuals" : "Commitments"}
            </h2>
            <SearchBox view={lists[k].view} label={`Search ${k} by reference or description`} />
            <table className="mt-2">
              <thead>
                <tr>
                  <SortHeader view={lists[k].view} sort="reference">
                    Reference
                  </SortHeader>
                  <SortHeader view={lists[k].view} sort="date" firstDir="desc">
                    Date
                  </SortHeader>
                  <SortHeader view={lists[k].view} sort="workstream">
                    Workstream
                  </SortHeader>
                  <SortHeader view={lists[k].view} sort="amount" className="text-right" firstDir="desc">
                    Amount
                  </SortHeader>
                </tr>
              </thead>
              <tbody>
                {lists[k].rows.map((r) => (
                  <tr key={r.id}>
                    <td className="font-mono">
                      <Link to={`/budget/spend?edit=${k === "actuals" ? "actual" : "commitment"}:${r.id}`}>{r.reference}</Link>
                    </td>
                    <td>{r.date}</td>
                    <td>{r.workstreamCode}</td>
                    <td className="text-right tabular-nums">{formatCents(r.amountCents, { exact: true })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager view={lists[k].view} noun={k} label={`${k === "actuals" ? "Actuals" : "Commitments"} pages`} />
          </section>
        ))}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
