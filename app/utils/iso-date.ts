import { z } from "zod";
import { isIsoDate } from "~/money/fiscal";

/**
 * The one schema for a calendar date typed by a person or read from a file or
 * a URL: `YYYY-MM-DD` and a real day (2023-02-30 is refused). `label` names
 * the field in the message shown beside it; `message` replaces the whole
 * message where a page lists problems in its own style.
 */
export const isoDate = (label = "Date", message = `${label} must be a real date written YYYY-MM-DD, e.g. 2026-03-31.`) =>
  z
    .string({ error: `Enter ${label.toLowerCase()} as YYYY-MM-DD.` })
    .trim()
    .refine(isIsoDate, message);
