import { Form } from "@remix-run/react";
import { FormErrors, SelectField, Field } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import { EMAIL_MODE_LABELS } from "./preferences-form";

type Props = {
  emailMode: keyof typeof EMAIL_MODE_LABELS;
  timeZone: string | null;
  programmeTimeZone: string;
  version: number;
  emailEnabled: boolean;
  zones: string[];
  errors?: Record<string, string[] | undefined>;
  formError?: string;
};

/** Email preferences on /account: how reminders reach the user, and the zone their digests are dated in. */
export function NotificationPreferencesSection({ emailMode, timeZone, programmeTimeZone, version, emailEnabled, zones, errors, formError }: Props) {
  return (
    <section id="notifications" aria-labelledby="notifications-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="notifications-heading" className="text-lg font-semibold">
        Reminders by email
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Reminders always appear under Notifications. {emailEnabled ? "" : "Email is not set up on this server yet, so nothing is emailed for now."}
      </p>
      <Form method="post" className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="notification-preferences" />
        <input type="hidden" name="version" value={version} />
        <FormErrors errors={formError ? [formError] : undefined} />
        <SelectField
          label="Email me"
          name="emailMode"
          defaultValue={emailMode}
          options={Object.entries(EMAIL_MODE_LABELS).map(([value, label]) => ({ value, label }))}
          errors={errors?.emailMode}
        />
        <Field
          label="My time zone (digests arrive after 07:00 there)"
          hint={`Leave empty for the programme's zone, ${programmeTimeZone}.`}
          name="timeZone"
          list="account-time-zones"
          maxLength={64}
          defaultValue={timeZone ?? ""}
          errors={errors?.timeZone}
        />
        <datalist id="account-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <SubmitButton>Save email preferences</SubmitButton>
      </Form>
    </section>
  );
}
