import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { defineAccess } from "~/auth/access";
import { requireAccess } from "~/auth/require.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { db } from "~/db.server";
import { requireUploadTarget } from "~/evidence/access.server";
import { EvidenceForm } from "~/evidence/evidence-form";
import { PARENT_LABELS } from "~/evidence/parent-labels";
import { uploadTargetFrom } from "~/evidence/schemas";
import { evidenceMaxBytes } from "~/evidence/storage/index.server";
import { handleEvidenceUpload } from "~/evidence/upload-action.server";
import { todayIso } from "~/time/today.server";

// Who may add evidence depends on the parent row (its own page's edit permission), checked in requireUploadTarget.
export const access = defineAccess({ loader: "signed-in", action: "signed-in" });

export const meta: MetaFunction = () => [{ title: "Add evidence · Rampart" }];

function target(request: Request) {
  const found = uploadTargetFrom(new URL(request.url).searchParams);
  if (!found) throw new Response("Say what the evidence is for: ?parent=<kind>&id=<id>, or ?previous=<evidence id> for a new version.", { status: 400 });
  return found;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireAccess(request, access.loader);
  const { parent, previous } = requireUploadTarget(db, user, target(request));
  return {
    parent: { kind: PARENT_LABELS[parent.kind], label: parent.label, href: parent.href },
    previous: previous ? { id: previous.id, title: previous.title, description: previous.description, expiresOn: previous.expiresOn } : null,
    maxMb: Math.round(evidenceMaxBytes() / 1024 / 1024),
    today: todayIso(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAccess(request, access.action);
  return handleEvidenceUpload(request, context, user, target(request));
}

export default function NewEvidence() {
  const { parent, previous, maxMb, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to={parent.href}>{parent.label}</Link> ›
      </p>
      <h1 className="text-2xl font-semibold">{previous ? `New version of "${previous.title}"` : "Add evidence"}</h1>
      <p className="text-sm text-slate-600">
        {parent.kind}: {parent.label}.{" "}
        {previous ? "The current version is kept; this file becomes the newest version." : "Files are kept unchanged and identified by their SHA-256."}
      </p>
      <EvidenceForm
        action={`${location.pathname}${location.search}`}
        today={today}
        maxMb={maxMb}
        errors={result?.errors}
        values={result?.values ?? (previous ? { title: previous.title, description: previous.description } : {})}
        submitLabel={previous ? "Upload new version" : "Upload evidence"}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
