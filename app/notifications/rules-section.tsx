import { Form } from "@remix-run/react";
import { FormErrors } from "~/components/forms/field";
import { SubmitButton } from "~/components/forms/submit-button";
import type { RuleSetting } from "./rule-settings";

type Rule = { key: string; label: string; daysLabel: string | null; setting: RuleSetting };
type Email = {
  enabled: boolean;
  server: string | null;
  from: string | null;
  pending: number;
  sent: number;
  failedCount: number;
  failed: Array<{ id: number; to: string; subject: string; attempts: number; lastError: string | null; createdAt: string }>;
  lastRunAt: string | null;
};

type Props = { rules: Rule[]; version: number; email: Email; errors?: Record<string, string[]>; formError?: string };

const input = "w-20 rounded border border-slate-300 px-2 py-1";

/** Reminder rules and email delivery on /admin/settings. */
export function NotificationRulesSection({ rules, version, email, errors, formError }: Props) {
  return (
    <section id="notifications" aria-labelledby="notifications-heading" className="rounded border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="notifications-heading" className="text-lg font-semibold">
        Reminders and email
      </h2>
      {email.enabled ? (
        <p className="mt-1 text-sm text-slate-700">
          Email is on: sent through {email.server} as {email.from}. Outbox: {email.pending} waiting, {email.sent} sent, {email.failedCount} given up.
          {email.lastRunAt ? ` Last run ${email.lastRunAt.replace("T", " ").slice(0, 16)} UTC.` : " Not run yet."}
        </p>
      ) : (
        <p role="status" className="mt-1 rounded bg-amber-50 p-2 text-sm text-amber-900">
          Email is off: SMTP_URL is not set, so reminders appear in the app only and invitation and password-reset links must be handed over by you. Set
          SMTP_URL (and MAIL_FROM) and restart to send email.
        </p>
      )}
      {email.failed.length ? (
        <table className="mt-3 text-sm">
          <caption className="text-left font-medium">Messages given up after repeated failures</caption>
          <thead>
            <tr>
              <th>To</th>
              <th>Subject</th>
              <th>Tries</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {email.failed.map((f) => (
              <tr key={f.id}>
                <td>{f.to}</td>
                <td>{f.subject}</td>
                <td>{f.attempts}</td>
                <td>{f.lastError}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Form method="post" className="mt-4 space-y-3">
        <input type="hidden" name="intent" value="notification-rules" />
        <input type="hidden" name="version" value={version} />
        <FormErrors errors={formError ? [formError] : undefined} />
        <table className="text-sm">
          <thead>
            <tr>
              <th>Rule</th>
              <th>On</th>
              <th>Days ahead</th>
              <th>Repeat every (days, 0 never)</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.key}>
                <td>{r.label}</td>
                <td>
                  <input type="checkbox" name={`${r.key}.enabled`} defaultChecked={r.setting.enabled} aria-label={`${r.label}: on`} />
                </td>
                <td>
                  {r.daysLabel ? (
                    <input
                      type="number"
                      min={0}
                      max={365}
                      className={input}
                      name={`${r.key}.days`}
                      defaultValue={r.setting.days}
                      aria-label={`${r.label}: ${r.daysLabel}`}
                      title={r.daysLabel}
                    />
                  ) : (
                    <input type="hidden" name={`${r.key}.days`} value={r.setting.days} />
                  )}
                  {errors?.[`${r.key}.days`]?.map((e) => (
                    <p key={e} className="text-xs text-red-700">
                      {e}
                    </p>
                  ))}
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={365}
                    className={input}
                    name={`${r.key}.repeatDays`}
                    defaultValue={r.setting.repeatDays}
                    aria-label={`${r.label}: repeat every (days)`}
                  />
                  {errors?.[`${r.key}.repeatDays`]?.map((e) => (
                    <p key={e} className="text-xs text-red-700">
                      {e}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <SubmitButton>Save reminder rules</SubmitButton>
      </Form>
    </section>
  );
}
