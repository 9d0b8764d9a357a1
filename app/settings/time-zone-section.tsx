import { Form } from "@remix-run/react";
import { Field, FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";

type Props = { timeZone: string; programVersion: number; zones: string[]; errors?: string[]; formError?: string };

/** The programme's time zone: where each day (today, a quarter's end, "as of D") begins and ends. */
export function TimeZoneSection({ timeZone, programVersion, zones, errors, formError }: Props) {
  return (
    <section id="time-zone" aria-labelledby="time-zone-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="time-zone-heading" className="text-lg font-semibold">
        Programme time zone
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        &ldquo;Today&rdquo;, quarter ends and every &ldquo;as of&rdquo; date are days in this zone: a change made at 21:00 on 30 June here belongs to 30 June,
        even though it is 1 July in UTC. Published board reports keep the days they were frozen with.
      </p>
      <Form method="post" className="mt-4 space-y-3">
        <input type="hidden" name="intent" value="time-zone" />
        <input type="hidden" name="programVersion" value={programVersion} />
        <FormErrors errors={formError ? [formError] : undefined} />
        <Field label="Time zone (IANA name)" name="timeZone" list="time-zones" required maxLength={64} defaultValue={timeZone} errors={errors} />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <SubmitButton>Save time zone</SubmitButton>
      </Form>
    </section>
  );
}
