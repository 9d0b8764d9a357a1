import { Form } from "@remix-run/react";
import { CSF_CATEGORIES, MEASURE_CADENCES, MEASURE_DIRECTIONS, MEASURE_KINDS, MEASURE_UNITS } from "#db/schema/measures";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { csfCategoryLabel } from "~/csf/categories";
import { DIRECTION_LABELS, UNIT_LABELS } from "../units";

export type MeasureFormValues = Partial<Record<string, string | string[]>>;
type Options = {
  owners: Array<{ id: number; name: string }>;
  workstreams: Array<{ code: string; name: string }>;
  obligations: Array<{ code: string; title: string }>;
};
type Props = {
  mode: "create" | "edit";
  values: MeasureFormValues;
  errors?: Record<string, string[] | null | undefined>;
  formErrors?: string[];
  options: Options;
};

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** Create or edit a measure (CISO office): definition, rules, links, glide path. */
export function MeasureForm({ mode, values, errors = {}, formErrors, options }: Props) {
  const e = (name: string) => errors[name] ?? undefined;
  return (
    <Form method="post" className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <input type="hidden" name="version" value={str(values.version) || "0"} />
      <FormErrors errors={formErrors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Key"
          name="key"
          required
          defaultValue={str(values.key)}
          readOnly={mode === "edit"}
          errors={e("key")}
          hint="Names the measure in imports and links; fixed once created."
        />
        <Field label="Name" name="name" required defaultValue={str(values.name)} errors={e("name")} />
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={str(values.kind) || "kpi"}
          errors={e("kind")}
          options={MEASURE_KINDS.map((k) => ({ value: k, label: k === "kpi" ? "KPI (performance)" : "KRI (risk indicator)" }))}
        />
        <SelectField
          label="Unit"
          name="unit"
          defaultValue={str(values.unit) || "percent"}
          errors={e("unit")}
          options={MEASURE_UNITS.map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
        />
        <SelectField
          label="Direction"
          name="direction"
          defaultValue={str(values.direction) || "higher_better"}
          errors={e("direction")}
          options={MEASURE_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
        />
        <SelectField
          label="Cadence"
          name="cadence"
          defaultValue={str(values.cadence) || "monthly"}
          errors={e("cadence")}
          options={MEASURE_CADENCES.map((c) => ({ value: c, label: c }))}
        />
        <SelectField
          label="CSF 2.0 category"
          name="csfCategory"
          defaultValue={str(values.csfCategory) || "PR.AA"}
          errors={e("csfCategory")}
          options={CSF_CATEGORIES.map((c) => ({ value: c, label: csfCategoryLabel(c) }))}
        />
        <SelectField
          label="Owner"
          name="ownerId"
          defaultValue={str(values.ownerId)}
          errors={e("ownerId")}
          options={[{ value: "", label: "(none)" }, ...options.owners.map((o) => ({ value: String(o.id), label: o.name }))]}
        />
        <Field
          label="Amber tolerance"
          name="amberTolerance"
          defaultValue={str(values.amberTolerance) || "0"}
          errors={e("amberTolerance")}
          hint="How far short of the period's target (in the unit) before amber."
        />
        <Field
          label="Red tolerance"
          name="redTolerance"
          defaultValue={str(values.redTolerance) || "0"}
          errors={e("redTolerance")}
          hint="How far short before red; at least the amber tolerance."
        />
        <Field
          label="Appetite (KRI only)"
          name="appetite"
          defaultValue={str(values.appetite)}
          errors={e("appetite")}
          hint="A KRI beyond this value is red whatever its target."
        />
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" name="boardKey" defaultChecked={str(values.boardKey) === "on" || str(values.boardKey) === "true"} /> Key measure: shown in the
          board pack
        </label>
      </div>
      <TextareaField label="Definition" name="definition" rows={3} defaultValue={str(values.definition)} errors={e("definition")} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm font-medium text-slate-700">
          Workstreams it evidences
          <select
            name="workstreams"
            multiple
            defaultValue={list(values.workstreams)}
            className="mt-1 block h-40 w-full rounded border border-slate-300 text-sm"
          >
            {options.workstreams.map((w) => (
              <option key={w.code} value={w.code}>
                {w.code} {w.name}
              </option>
            ))}
          </select>
          {e("workstreams") ? <span className="text-sm text-red-700">{e("workstreams")!.join(" ")}</span> : null}
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Obligations it evidences
          <select
            name="obligations"
            multiple
            defaultValue={list(values.obligations)}
            className="mt-1 block h-40 w-full rounded border border-slate-300 text-sm"
          >
            {options.obligations.map((o) => (
              <option key={o.code} value={o.code}>
                {o.code} {o.title}
              </option>
            ))}
          </select>
          {e("obligations") ? <span className="text-sm text-red-700">{e("obligations")!.join(" ")}</span> : null}
        </label>
      </fieldset>
      <TextareaField
        label="Glide path (one point a line: month and target)"
        name="targets"
        rows={6}
        defaultValue={str(values.targets)}
        errors={e("targets")}
        hint="e.g. 2023-01 40 then 2024-12 95: months between two points are interpolated in a straight line; after the last point its target holds."
      />
      <SubmitButton pendingText="Saving…">{mode === "create" ? "Create measure" : "Save changes"}</SubmitButton>
    </Form>
  );
}
