import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { RISK_LEVELS, type RiskLevel } from "#db/schema/enums";
import { FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { type ConflictData, VersionConflict } from "~/components/version-conflict";
import { type RiskMatrix, SCALE } from "~/risks/matrix";
import { humanize } from "~/utils/format";
import { RiskMatrixFormSchema } from "./risk-matrix-form";

type Props = {
  data: { matrix: RiskMatrix; matrixVersion: number; appetite: RiskLevel; programVersion: number };
  lastResult?: SubmissionResult<string[]>;
  conflict?: ConflictData;
  versions?: { matrixVersion: number; programVersion: number };
};

const cellInput = "block w-full rounded border border-slate-300 bg-white px-1 py-1 text-sm aria-[invalid=true]:border-red-600";

function Errors({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-xs text-red-700">
      {errors.join(" ")}
    </p>
  );
}

/** Settings section: the 5 × 5 risk matrix (labels, level of every cell, colours) and the appetite. */
export function RiskMatrixSection({ data, lastResult, conflict, versions }: Props) {
  const { matrix } = data;
  const [form, fields] = useForm({
    id: "risk-matrix",
    lastResult: lastResult as never,
    defaultValue: { ...matrix, appetite: data.appetite },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RiskMatrixFormSchema }),
    // Errors clear as you type, not on blur: a blur-time re-check moves the button and loses the click.
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const likelihood = fields.likelihoodLabels.getFieldList();
  const impact = fields.impactLabels.getFieldList();
  const rows = fields.cells.getFieldList();
  const colours = fields.colours.getFieldset();
  return (
    <section id="risk-matrix" aria-labelledby="risk-matrix-heading" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="risk-matrix-heading" className="text-lg font-semibold">
        Risk matrix and appetite
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Each cell sets the level of a likelihood × impact score. Saving re-levels every risk's inherent, current and target scores at once. Risks whose current
        level is above the appetite are flagged on the register. A change applies from the moment it is saved: figures as of an earlier day keep the matrix and
        appetite in force then.
      </p>
      {conflict ? (
        <div className="mt-3">
          <VersionConflict conflict={conflict} />
        </div>
      ) : null}
      <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="risk-matrix" />
        <input type="hidden" name="matrixVersion" value={versions?.matrixVersion ?? data.matrixVersion} />
        <input type="hidden" name="programVersion" value={versions?.programVersion ?? data.programVersion} />
        <table className="w-auto">
          <caption className="mb-2 text-left text-sm text-slate-600">Likelihood (rows, highest first) × impact (columns)</caption>
          <thead>
            <tr>
              <th scope="col">Likelihood \ Impact</th>
              {SCALE.map((i) => {
                const f = impact[i - 1]!;
                return (
                  <th key={i} scope="col" className="align-bottom">
                    <label className="block text-xs font-normal text-slate-500">
                      Impact {i}
                      <input
                        name={f.name}
                        defaultValue={f.initialValue}
                        aria-invalid={f.errors ? true : undefined}
                        aria-describedby={f.errors ? f.errorId : undefined}
                        className={cellInput}
                      />
                    </label>
                    <Errors errors={f.errors} id={f.errorId} />
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {[...SCALE].reverse().map((l) => {
              const lf = likelihood[l - 1]!;
              const cells = rows[l - 1]!.getFieldList();
              return (
                <tr key={l}>
                  <th scope="row">
                    <label className="block text-xs font-normal text-slate-500">
                      Likelihood {l}
                      <input
                        name={lf.name}
                        defaultValue={lf.initialValue}
                        aria-invalid={lf.errors ? true : undefined}
                        aria-describedby={lf.errors ? lf.errorId : undefined}
                        className={cellInput}
                      />
                    </label>
                    <Errors errors={lf.errors} id={lf.errorId} />
                  </th>
                  {SCALE.map((i) => {
                    const c = cells[i - 1]!;
                    return (
                      <td key={i}>
                        <label className="sr-only" htmlFor={c.id}>
                          Level for likelihood {l}, impact {i}
                        </label>
                        <select id={c.id} name={c.name} defaultValue={c.initialValue} aria-invalid={c.errors ? true : undefined} className={cellInput}>
                          {RISK_LEVELS.map((level) => (
                            <option key={level} value={level}>
                              {humanize(level)}
                            </option>
                          ))}
                        </select>
                        <Errors errors={c.errors} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="text-sm font-medium text-slate-700">Level colours</legend>
          {RISK_LEVELS.map((level) => {
            const f = colours[level];
            return (
              <div key={level}>
                <label className="block text-sm text-slate-700">
                  {humanize(level)}
                  <input type="color" name={f.name} defaultValue={f.initialValue} className="mt-1 block h-8 w-16" />
                </label>
                <Errors errors={f.errors} id={f.errorId} />
              </div>
            );
          })}
        </fieldset>
        <div className="max-w-xs">
          <label className="block text-sm font-medium text-slate-700">
            Risk appetite (highest acceptable level)
            <select name={fields.appetite.name} defaultValue={fields.appetite.initialValue} className={cellInput}>
              {RISK_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {humanize(level)}
                </option>
              ))}
            </select>
          </label>
          <Errors errors={fields.appetite.errors} id={fields.appetite.errorId} />
        </div>
        <SubmitButton pendingText="Saving and re-levelling…">Save matrix and appetite</SubmitButton>
      </Form>
    </section>
  );
}
