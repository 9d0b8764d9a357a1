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
import { EngagementEditSchema } from "~/engagements/engagement-schemas";
import { ENGAGEMENT_COMPARED_FIELDS, engagementDetail, updateEngagement, vendorOptions } from "~/engagements/engagements.server";
import { workstreamOptions } from "~/milestones/milestone-queries.server";
import { centsToDecimal } from "~/money/cents";
import { type EngagementFieldSet, EngagementFields } from "~/engagements/engagement-fields";
import { peopleOptions } from "~/workstreams/workstreams.server";
import { db } from "~/db.server";
import { todayIso } from "~/time/today.server";
import { redirectWithToast } from "~/utils/toast.server";
import { readForm } from "~/utils/form.server";

export const access = defineAccess({ loader: "update:engagement:any", action: "update:engagement:any" });

export const meta: MetaFunction = () => [{ title: "Edit engagement · Rampart" }];

function load(params: { id?: string }) {
  const id = Number(params.id);
  const detail = Number.isSafeInteger(id) && id > 0 ? engagementDetail(db, id, todayIso()) : null;
  if (!detail) throw new Response("Not found", { status: 404 });
  return detail;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireAccess(request, access.loader);
  const { engagement, workstreams } = load(params);
  return {
    engagement,
    linked: workstreams.map((w) => String(w.id)),
    options: { vendors: vendorOptions(db), people: peopleOptions(db), workstreams: workstreamOptions(db) },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  const { engagement } = load(params);
  const submission = parseWithZod(await readForm(request), { schema: EngagementEditSchema });
  if (submission.status !== "success") return invalid(submission);
  try {
    updateEngagement(db, auditContext(user.id, context), engagement.id, submission.value);
  } catch (error) {
    return refusal(error, submission, ENGAGEMENT_COMPARED_FIELDS);
  }
  return redirectWithToast(`/engagements/${engagement.id}`, { kind: "success", message: "Engagement saved." });
}

export default function EditEngagement() {
  const { engagement: e, linked, options } = useLoaderData<typeof loader>();
  const data = useActionData<ActionResult>();
  const version = data?.conflict?.currentVersion ?? e.version;
  const [form, fields] = useForm({
    lastResult: data?.result,
    defaultValue: {
      vendorId: String(e.vendorId),
      title: e.title,
      kind: e.kind,
      sowReference: e.sowReference,
      description: e.description,
      startDate: e.startDate,
      endDate: e.endDate,
      contractValueCents: centsToDecimal(e.contractValueCents),
      status: e.status,
      relationshipOwnerId: e.relationshipOwnerId ? String(e.relationshipOwnerId) : "",
      workstreamIds: linked,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EngagementEditSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <a href={`/engagements/${e.id}`}>← {e.title}</a>
      </p>
      <h1 className="text-2xl font-semibold">Edit engagement</h1>
      {data?.conflict ? <VersionConflict conflict={data.conflict} /> : null}
      <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
        <input type="hidden" name="version" value={version} />
        {data?.conflict ? null : <FormErrors errors={form.errors} />}
        <EngagementFields fields={fields as unknown as EngagementFieldSet} options={options} />
        <SubmitButton>Save engagement</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
