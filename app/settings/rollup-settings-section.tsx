import { Form } from "@remix-run/react";
import { Link } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import type { RagThresholds } from "./schemas";

type Props = {
  thresholds: RagThresholds;
  versions: { thresholdsVersion: number };
  errors?: Record<string, string[] | undefined>;
  formError?: string;
};

const THRESHOLDS: Array<{ name: keyof RagThresholds; label: string; hint: string }> = [
  { name: "scheduleAmberSlipDays", label: "Schedule amber: slip over (days)", hint: "An open milestone later than its baseline by more than this is amber." },
  { name: "scheduleRedSlipDays", label: "Schedule red: slip over (days)", hint: "… and red beyond this. A critical-path slip is always red." },
  { name: "costAmberVariancePct", label: "Cost amber: over plan to date by (%)", hint: "Spend exposure above plan to date by more than this is amber." },
  { name: "costRedVariancePct", label: "Cost red: over plan to date by (%)", hint: "… and red beyond this." },
  { name: "staleReportDays", label: "Staleness: no submitted report for (days)", hint: "An active workstream silent for longer is amber." },
  {
    name: "outcomeRedPeriods",
    label: "Outcome red: consecutive red months",
    hint: "A linked measure beyond its red tolerance for this many reporting periods in a row is red; fewer is amber.",
  },
  {
    name: "outcomeMissingGraceDays",
    label: "Outcome: days after month end a value is due",
    hint: "A measure's value still missing this many days after its month ends is an amber finding.",
  },
];

/** Rollup thresholds (docs/rollups.md). */
export function RollupSettingsSection({ thresholds, versions, errors, formError }: Props) {
  return (
    <section id="rollups" aria-labelledby="rollups-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="rollups-heading" className="text-lg font-semibold">
        Executive status thresholds
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        A change applies from the moment it is saved: the status as of an earlier day keeps the thresholds in force then. The NIST CSF 2.0 tiers are set per
        category on the <Link to="/csf">CSF 2.0 profile</Link>.
      </p>
      <Form method="post" className="mt-4 space-y-5">
        <input type="hidden" name="intent" value="rollup-settings" />
        <input type="hidden" name="thresholdsVersion" value={versions.thresholdsVersion} />
        <FormErrors errors={formError ? [formError] : undefined} />
        <div className="grid gap-4 sm:grid-cols-2">
          {THRESHOLDS.map((t) => (
            <Field
              key={t.name}
              label={t.label}
              hint={t.hint}
              name={t.name}
              type="number"
              min={0}
              required
              defaultValue={thresholds[t.name]}
              errors={errors?.[t.name]}
            />
          ))}
        </div>
        <SubmitButton>Save thresholds</SubmitButton>
      </Form>
    </section>
  );
}
