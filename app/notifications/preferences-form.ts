import { z } from "zod";
import { EMAIL_MODES } from "#db/schema/notifications";
import { isTimeZone } from "~/time/zone";

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

export const EMAIL_MODE_LABELS: Record<(typeof EMAIL_MODES)[number], string> = {
  immediate: "Each reminder as it comes",
  daily: "A daily digest",
  weekly: "A weekly digest (Mondays)",
  off: "No email (reminders stay in the app)",
};

/** The account page's email preferences: how often, and the zone digests are dated in (empty: the programme's). */
export const PreferencesFormSchema = z.object({
  intent: z.literal("notification-preferences"),
  emailMode: z.enum(EMAIL_MODES, { error: "Choose how you want reminders by email." }),
  timeZone: z
    .string()
    .trim()
    .max(64, { error: "A time zone name is at most 64 characters." })
    .refine((v) => v === "" || (IANA_NAME.test(v) && isTimeZone(v)), { error: "Not a known time zone: use an IANA name such as Europe/London." })
    .transform((v) => (v === "" ? null : v)),
  version: z.coerce.number({ error: "Missing version." }).int().min(0),
});
