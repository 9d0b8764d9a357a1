import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { MILESTONE_STATUSES } from "#db/schema/enums";
import type { SubmissionResult } from "@conform-to/react";
import { chosenAfterSubmit, SearchPicker } from "~/components/forms/search-picker";
import { Field, SelectField, TextareaField } from "~/components/forms/field";
import type { PickerCandidates, PickerOption } from "~/pickers/picker-params";
import { humanize } from "~/utils/format";
import { DEPENDENCY_QUERY } from "./milestone-schemas";

// Conform's field metadata, loosely typed so the create and edit forms can share these inputs.
// Shared by the create and edit schemas, whose field types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;
export type MilestoneFieldSet = Record<
  "title" | "description" | "forecastDate" | "actualDate" | "status" | "percentComplete" | "weight" | "criticalPath" | "dependsOn",
  AnyField
>;

/** What the loader found for the "Depends on" picker (app/milestones/milestone-picker.server.ts). */
export type DependencyChoices = { query: string; chosen: PickerOption[]; candidates: PickerCandidates };

export function MilestoneFields({
  fields,
  dependencies,
  lastResult,
}: {
  fields: MilestoneFieldSet;
  dependencies: DependencyChoices;
  lastResult?: SubmissionResult<string[]>;
}) {
  return (
    <>
      <Field label="Title" errors={fields.title.errors} errorId={fields.title.errorId} {...getInputProps(fields.title, { type: "text" })} />
      <TextareaField
        label="Description"
        rows={3}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
        {...getTextareaProps(fields.description)}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Forecast date"
          hint="When you now expect it done."
          errors={fields.forecastDate.errors}
          errorId={fields.forecastDate.errorId}
          {...getInputProps(fields.forecastDate, { type: "date" })}
        />
        <Field
          label="Actual date"
          hint="Only once done."
          errors={fields.actualDate.errors}
          errorId={fields.actualDate.errorId}
          {...getInputProps(fields.actualDate, { type: "date" })}
        />
        <SelectField
          label="Status"
          errors={fields.status.errors}
          errorId={fields.status.errorId}
          options={MILESTONE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
          {...getSelectProps(fields.status)}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          label="Percent complete"
          errors={fields.percentComplete.errors}
          errorId={fields.percentComplete.errorId}
          {...getInputProps(fields.percentComplete, { type: "number" })}
          min={0}
          max={100}
        />
        <Field
          label="Weight"
          hint="Relative size within the workstream."
          errors={fields.weight.errors}
          errorId={fields.weight.errorId}
          {...getInputProps(fields.weight, { type: "number" })}
          min={1}
          max={100}
        />
        <label className="flex items-center gap-2 pt-6 text-sm font-medium text-slate-700">
          <input {...getInputProps(fields.criticalPath, { type: "checkbox" })} /> On the critical path
        </label>
      </div>
      <SearchPicker
        name={fields.dependsOn.name}
        label="Depends on"
        hint="Untick a chosen milestone to remove it; find others by code or title and tick them to add them. A cycle is refused."
        chosen={chosenAfterSubmit(lastResult, fields.dependsOn.name, dependencies.chosen, dependencies.candidates)}
        candidates={dependencies.candidates}
        queryName={DEPENDENCY_QUERY}
        query={dependencies.query}
        errors={fields.dependsOn.errors}
        errorId={fields.dependsOn.errorId}
      />
    </>
  );
}
