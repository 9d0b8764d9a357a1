import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { CSF_FUNCTIONS, LIFECYCLE_STATUSES, RAGS } from "#db/schema/enums";
import { Field, SelectField, TextareaField } from "~/components/forms/field";
import { humanize } from "~/utils/format";

// Shared by the create and edit schemas, whose field types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;
export type WorkstreamFieldSet = Record<
  | "name"
  | "objective"
  | "ownerId"
  | "sponsorId"
  | "csfFunctions"
  | "startDate"
  | "endDate"
  | "lifecycleStatus"
  | "ragOverride"
  | "ragOverrideReason"
  | "ragOverrideExpiresOn",
  AnyField
>;

export function WorkstreamFields({ fields, people }: { fields: WorkstreamFieldSet; people: Array<{ id: number; name: string; role: string }> }) {
  const personOptions = [{ value: "", label: "Nobody yet" }, ...people.map((p) => ({ value: String(p.id), label: `${p.name} (${humanize(p.role)})` }))];
  const initial = fields.csfFunctions.initialValue as string[] | string | undefined;
  const chosen = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <>
      <Field label="Name" errors={fields.name.errors} errorId={fields.name.errorId} {...getInputProps(fields.name, { type: "text" })} />
      <TextareaField label="Objective" rows={3} errors={fields.objective.errors} errorId={fields.objective.errorId} {...getTextareaProps(fields.objective)} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Owner (workstream lead)"
          options={personOptions}
          errors={fields.ownerId.errors}
          errorId={fields.ownerId.errorId}
          {...getSelectProps(fields.ownerId)}
        />
        <SelectField
          label="Executive sponsor"
          options={personOptions}
          errors={fields.sponsorId.errors}
          errorId={fields.sponsorId.errorId}
          {...getSelectProps(fields.sponsorId)}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">NIST CSF 2.0 functions</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {CSF_FUNCTIONS.map((f) => (
            <label key={f} className="flex items-center gap-1">
              <input type="checkbox" name={fields.csfFunctions.name} value={f} defaultChecked={chosen.has(f)} /> {humanize(f)}
            </label>
          ))}
        </div>
        {fields.csfFunctions.errors?.length ? <p className="mt-1 text-sm text-red-700">{fields.csfFunctions.errors.join(" ")}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Start date" errors={fields.startDate.errors} errorId={fields.startDate.errorId} {...getInputProps(fields.startDate, { type: "date" })} />
        <Field label="End date" errors={fields.endDate.errors} errorId={fields.endDate.errorId} {...getInputProps(fields.endDate, { type: "date" })} />
        <SelectField
          label="Lifecycle status"
          options={LIFECYCLE_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
          errors={fields.lifecycleStatus.errors}
          errorId={fields.lifecycleStatus.errorId}
          {...getSelectProps(fields.lifecycleStatus)}
        />
      </div>
      <fieldset className="rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Manual RAG override</legend>
        <p className="mb-2 text-xs text-slate-500">Replaces the reported RAG until it expires. Leave empty for none.</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label="Override RAG"
            options={[{ value: "", label: "No override" }, ...RAGS.map((r) => ({ value: r, label: humanize(r) }))]}
            errors={fields.ragOverride.errors}
            errorId={fields.ragOverride.errorId}
            {...getSelectProps(fields.ragOverride)}
          />
          <Field
            label="Expires on"
            errors={fields.ragOverrideExpiresOn.errors}
            errorId={fields.ragOverrideExpiresOn.errorId}
            {...getInputProps(fields.ragOverrideExpiresOn, { type: "date" })}
          />
        </div>
        <TextareaField
          label="Reason"
          rows={2}
          errors={fields.ragOverrideReason.errors}
          errorId={fields.ragOverrideReason.errorId}
          {...getTextareaProps(fields.ragOverrideReason)}
        />
      </fieldset>
    </>
  );
}
