import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { auditContext } from "~/auth/request-info.server";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { VersionConflict } from "~/components/version-conflict";
import { type ActionResult, invalid, refusal } from "~/utils/action-result.server";
import { type WorkstreamFieldSet, WorkstreamFields } from "~/workstreams/workstream-fields";
import { WorkstreamEditSchema } from "~/workstreams/workstream-schemas";
import { getWorkstreamByCode, peopleOptions, updateWorkstream, WORKSTREAM_COMPARED_FIELDS } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:workstream:any", action: "update:workstream:any" });

export const meta: MetaFunction = ({ params }) => [{ title: `Edit ${params.code} · Rampart` }];

function load(code: string | undefined) {
  const ws = code ? getWorkstreamByCode(db, code, todayIso()) : null;
  if (!ws) throw new Response("Not found", { status: 404 });
  return ws;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  return { ws: load(params.code), people: peopleOptions(db) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const ws = load(params.code);
  const submission = parseWithZod(await readForm(request), { schema: WorkstreamEditSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    updateWorkstream(db, auditContext(user.id, context), ws.id, submission.value);
  } catch (error) {
    return refusal(error, submission, WORKSTREAM_COMPARED_FIELDS);
  }
  return redirectWithToast(`/workstreams/${ws.code}`, { kind: "success", message: `${ws.code} saved.` });
}

export default function EditWorkstream() {
  const { ws, people } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const version = data?.conflict?.currentVersion ?? ws.version;
  const [form, fields] = useForm({
    lastResult: data?.result,
    defaultValue: {
      name: ws.name,
      objective: ws.objective,
      ownerId: ws.ownerId ? String(ws.ownerId) : "",
      sponsorId: ws.sponsorId ? String(ws.sponsorId) : "",
      csfFunctions: ws.csfFunctions,
      startDate: ws.startDate,
      endDate: ws.endDate,
      lifecycleStatus: ws.lifecycleStatus,
      ragOverride: ws.ragOverride ?? "",
      ragOverrideReason: ws.ragOverrideReason ?? "",
      ragOverrideExpiresOn: ws.ragOverrideExpiresOn ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WorkstreamEditSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <a href={`/workstreams/${ws.code}`}>← {ws.code}</a>
      </p>
      <h1 className="text-2xl font-semibold">
        Edit <span className="font-mono">{ws.code}</span>
      </h1>
      {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <input type="hidden" name="version" value={version} />
        {data?.conflict ? null : <FormErrors errors={form.errors} />}
        <WorkstreamFields fields={fields as unknown as WorkstreamFieldSet} people={people} />
        <SubmitButton>Save workstream</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
