import { type FieldMetadata, getSelectProps, getTextareaProps } from "@conform-to/react";
import { RAGS } from "#db/schema/enums";
import { SelectField, TextareaField } from "~/components/forms/field";
import { humanize } from "~/utils/format";

// Shared by the create and edit schemas, whose field types differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;
const RAG_FIELDS = [
  ["ragOverall", "Overall"],
  ["ragSchedule", "Schedule"],
  ["ragCost", "Cost"],
  ["ragScope", "Scope"],
  ["ragRisk", "Risk"],
] as const;
const TEXT_FIELDS = [
  ["summary", "Summary"],
  ["accomplishments", "Accomplishments this month"],
  ["nextSteps", "Next steps"],
  ["blockers", "Blockers"],
  ["asks", "Asks of the programme or executives"],
] as const;
export type StatusReportFieldSet = Record<(typeof RAG_FIELDS)[number][0] | (typeof TEXT_FIELDS)[number][0], AnyField>;

export function StatusReportFields({ fields }: { fields: StatusReportFieldSet }) {
  const ragOptions = [{ value: "", label: "Choose…" }, ...RAGS.map((r) => ({ value: r, label: humanize(r) }))];
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-5">
        {RAG_FIELDS.map(([name, label]) => (
          <div key={name}>
            <SelectField
              label={`${label} RAG`}
              options={ragOptions}
              errors={fields[name].errors}
              errorId={fields[name].errorId}
              {...getSelectProps(fields[name])}
            />
          </div>
        ))}
      </div>
      {TEXT_FIELDS.map(([name, label]) => (
        <div key={name}>
          <TextareaField
            label={label}
            rows={name === "summary" ? 4 : 3}
            errors={fields[name].errors}
            errorId={fields[name].errorId}
            {...getTextareaProps(fields[name])}
          />
        </div>
      ))}
    </>
  );
}
