import { z } from "zod";
import { isTimeZone } from "~/time/zone";

// An IANA name (Region/City, or UTC); fixed offsets like "+05:00" are refused because they ignore daylight saving time.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** The programme's time zone form: a zone the runtime knows, and the programme version the administrator saw. */
export const TimeZoneFormSchema = z.object({
  intent: z.literal("time-zone"),
  timeZone: z
    .string({ error: "Choose a time zone." })
    .trim()
    .min(1, { error: "Choose a time zone." })
    .max(64, { error: "A time zone name is at most 64 characters." })
    .refine((v) => IANA_NAME.test(v) && isTimeZone(v), { error: "Not a known time zone: use an IANA name such as America/Los_Angeles or Europe/London." }),
  programVersion: z.coerce.number({ error: "Missing version." }).int().min(1),
});
export type TimeZoneForm = z.infer<typeof TimeZoneFormSchema>;
