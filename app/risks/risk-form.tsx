import { type FieldMetadata, getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { CSF_FUNCTIONS, RISK_STATUSES, RISK_TREATMENTS } from "#db/schema/enums";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { chosenAfterSubmit, DefaultSubmit, SearchPicker } from "~/components/forms/search-picker";
import { humanize } from "~/utils/format";
import type { RiskFormOptions } from "./form-options.server";
import { RISK_LINK_QUERIES } from "./risk-link-queries";

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: humanize(v) }));
const steps = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

type Props = {
  schema: z.ZodType;
  mode: "create" | "edit";
  defaultValue: Record<string, unknown>;
  lastResult?: SubmissionResult<string[]>;
  options: RiskFormOptions;
  canChangeOwner: boolean;
  version?: number;
};

function ScorePair({ legend, l, i }: { legend: string; l: FieldMetadata<unknown>; i: FieldMetadata<unknown> }) {
  return (
    <fieldset className="grid grid-cols-2 gap-3">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <SelectField label="Likelihood" options={steps} errors={l.errors} errorId={l.errorId} {...getSelectProps(l as FieldMetadata<string>)} />
      <SelectField label="Impact" options={steps} errors={i.errors} errorId={i.errorId} {...getSelectProps(i as FieldMetadata<string>)} />
    </fieldset>
  );
}

/** The create and edit form of a risk; the current score is set on creation and afterwards only by re-scoring. */
export function RiskForm({ schema, mode, defaultValue, lastResult, options: o, canChangeOwner, version }: Props) {
  const [form, fields] = useForm({
    lastResult: lastResult as never,
    defaultValue: defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const f = fields as unknown as Record<string, FieldMetadata<string>>;
  const field = (name: string) => f[name]!;
  return (
    <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4" {...getFormProps(form)}>
      <DefaultSubmit />
      <FormErrors errors={form.errors} />
      {version ? <input type="hidden" name="version" value={version} /> : null}
      {mode === "create" ? (
        <Field
          label="Code"
          hint="Like R-012."
          errors={field("code").errors}
          errorId={field("code").errorId}
          {...getInputProps(field("code"), { type: "text" })}
        />
      ) : null}
      <Field label="Title" errors={field("title").errors} errorId={field("title").errorId} {...getInputProps(field("title"), { type: "text" })} />
      <TextareaField
        label="Description"
        rows={4}
        errors={field("description").errors}
        errorId={field("description").errorId}
        {...getTextareaProps(field("description"))}
      />
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Category" errors={field("category").errors} errorId={field("category").errorId} {...getInputProps(field("category"), { type: "text" })} />
        <SelectField label="CSF function" options={options(CSF_FUNCTIONS)} errors={field("csfFunction").errors} {...getSelectProps(field("csfFunction"))} />
        {canChangeOwner ? (
          <SelectField
            label="Owner"
            options={[{ value: "", label: "No owner" }, ...o.owners.map((u) => ({ value: String(u.id), label: u.name }))]}
            errors={field("ownerId").errors}
            {...getSelectProps(field("ownerId"))}
          />
        ) : null}
      </div>
      <div className="grid gap-6 md:grid-cols-3">
        <ScorePair legend="Inherent (before treatment)" l={field("inherentLikelihood")} i={field("inherentImpact")} />
        {mode === "create" ? <ScorePair legend="Current" l={field("currentLikelihood")} i={field("currentImpact")} /> : null}
        <ScorePair legend="Target" l={field("targetLikelihood")} i={field("targetImpact")} />
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField label="Treatment" options={options(RISK_TREATMENTS)} errors={field("treatment").errors} {...getSelectProps(field("treatment"))} />
        <SelectField label="Status" options={options(RISK_STATUSES)} errors={field("status").errors} {...getSelectProps(field("status"))} />
        <Field
          label="Next review"
          errors={field("nextReviewDate").errors}
          errorId={field("nextReviewDate").errorId}
          {...getInputProps(field("nextReviewDate"), { type: "date" })}
        />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <SearchPicker
          name={field("workstreamIds").name}
          label="Treating workstreams"
          chosen={chosenAfterSubmit(lastResult, "workstreamIds", o.workstreams.chosen, o.workstreams.candidates)}
          candidates={o.workstreams.candidates}
          queryName={RISK_LINK_QUERIES.workstreams}
          query={o.workstreams.query}
          errors={field("workstreamIds").errors}
          errorId={field("workstreamIds").errorId}
        />
        <SearchPicker
          name={field("milestoneIds").name}
          label="Treating milestones"
          chosen={chosenAfterSubmit(lastResult, "milestoneIds", o.milestones.chosen, o.milestones.candidates)}
          candidates={o.milestones.candidates}
          queryName={RISK_LINK_QUERIES.milestones}
          query={o.milestones.query}
          errors={field("milestoneIds").errors}
          errorId={field("milestoneIds").errorId}
        />
      </div>
      <SubmitButton>{mode === "create" ? "Create risk" : "Save risk"}</SubmitButton>
    </Form>
  );
}
