import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES } from "#db/schema/enums";
import { Field, SelectField, TextareaField } from "~/components/forms/field";
import { chosenAfterSubmit, SearchPicker } from "~/components/forms/search-picker";
import type { PickerCandidates, PickerOption } from "~/pickers/picker-params";
import { LINKED_WORKSTREAMS_QUERY } from "./engagement-schemas";
import { humanize } from "~/utils/format";

// Shared by the create and edit schemas, whose field types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;
export type EngagementFieldSet = Record<
  | "vendorId"
  | "title"
  | "kind"
  | "sowReference"
  | "description"
  | "startDate"
  | "endDate"
  | "contractValueCents"
  | "status"
  | "relationshipOwnerId"
  | "workstreamIds",
  AnyField
>;

type Options = {
  vendors: Array<{ id: number; name: string }>;
  people: Array<{ id: number; name: string }>;
  /** The workstream picker's chosen records and candidates (app/workstreams/workstream-picker.server.ts). */
  workstreams: { query: string; chosen: PickerOption[]; candidates: PickerCandidates };
};

export function EngagementFields({ fields, options, lastResult }: { fields: EngagementFieldSet; options: Options; lastResult?: SubmissionResult<string[]> }) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Vendor"
          options={[{ value: "", label: "Choose…" }, ...options.vendors.map((v) => ({ value: String(v.id), label: v.name }))]}
          errors={fields.vendorId.errors}
          errorId={fields.vendorId.errorId}
          {...getSelectProps(fields.vendorId)}
        />
        <Field
          label="SOW reference"
          errors={fields.sowReference.errors}
          errorId={fields.sowReference.errorId}
          {...getInputProps(fields.sowReference, { type: "text" })}
        />
      </div>
      <Field label="Title" errors={fields.title.errors} errorId={fields.title.errorId} {...getInputProps(fields.title, { type: "text" })} />
      <TextareaField
        label="Description"
        rows={3}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
        {...getTextareaProps(fields.description)}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Kind"
          options={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: humanize(k) }))}
          errors={fields.kind.errors}
          errorId={fields.kind.errorId}
          {...getSelectProps(fields.kind)}
        />
        <SelectField
          label="Status"
          options={ENGAGEMENT_STATUSES.map((k) => ({ value: k, label: humanize(k) }))}
          errors={fields.status.errors}
          errorId={fields.status.errorId}
          {...getSelectProps(fields.status)}
        />
        <SelectField
          label="Relationship owner"
          options={[{ value: "", label: "Nobody yet" }, ...options.people.map((p) => ({ value: String(p.id), label: p.name }))]}
          errors={fields.relationshipOwnerId.errors}
          errorId={fields.relationshipOwnerId.errorId}
          {...getSelectProps(fields.relationshipOwnerId)}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Start date" errors={fields.startDate.errors} errorId={fields.startDate.errorId} {...getInputProps(fields.startDate, { type: "date" })} />
        <Field label="End date" errors={fields.endDate.errors} errorId={fields.endDate.errorId} {...getInputProps(fields.endDate, { type: "date" })} />
        <Field
          label="Contract value (USD)"
          inputMode="decimal"
          errors={fields.contractValueCents.errors}
          errorId={fields.contractValueCents.errorId}
          {...getInputProps(fields.contractValueCents, { type: "text" })}
        />
      </div>
      <SearchPicker
        name={fields.workstreamIds.name}
        label="Linked workstreams"
        chosen={chosenAfterSubmit(lastResult, fields.workstreamIds.name, options.workstreams.chosen, options.workstreams.candidates)}
        candidates={options.workstreams.candidates}
        queryName={LINKED_WORKSTREAMS_QUERY}
        query={options.workstreams.query}
        errors={fields.workstreamIds.errors}
        errorId={fields.workstreamIds.errorId}
      />
    </>
  );
}
