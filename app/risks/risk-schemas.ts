import { isoDate } from "~/utils/iso-date";
import { z } from "zod";
import { CSF_FUNCTIONS, RISK_STATUSES, RISK_TREATMENTS } from "#db/schema/enums";

/** A step of the 5-point scales; 0 or 6 is refused with a message next to the field. */
export const scaleStep = (what: string) =>
  z.coerce
    .number({ error: `Enter the ${what} (1–5).` })
    .int(`The ${what} is a whole number from 1 to 5.`)
    .min(1, `The ${what} must be between 1 and 5.`)
    .max(5, `The ${what} must be between 1 and 5.`);

export const RiskCodeSchema = z
  .string()
  .trim()
  .regex(/^R-\d{3,5}$/, "Use a code like R-012 (three to five digits).");

const text = (max: number, what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `Keep the ${what} under ${max} characters.`);

/** Fields a risk's create and edit forms share (the current score changes only by re-scoring). */
export const RiskFieldsSchema = z.object({
  title: text(200, "title"),
  description: z.string().trim().max(4000, "Keep the description under 4000 characters.").default(""),
  category: text(80, "category"),
  ownerId: z.coerce.number().int().positive().optional(),
  csfFunction: z.enum(CSF_FUNCTIONS, { error: "Choose a CSF function." }),
  inherentLikelihood: scaleStep("inherent likelihood"),
  inherentImpact: scaleStep("inherent impact"),
  targetLikelihood: scaleStep("target likelihood"),
  targetImpact: scaleStep("target impact"),
  treatment: z.enum(RISK_TREATMENTS, { error: "Choose a treatment." }),
  status: z.enum(RISK_STATUSES, { error: "Choose a status." }),
  nextReviewDate: isoDate("Next review date").optional(),
  workstreamIds: z.array(z.coerce.number().int().positive()).default([]),
  milestoneIds: z.array(z.coerce.number().int().positive()).default([]),
});

export const NewRiskSchema = RiskFieldsSchema.extend({
  code: RiskCodeSchema,
  currentLikelihood: scaleStep("current likelihood"),
  currentImpact: scaleStep("current impact"),
});

export const EditRiskSchema = RiskFieldsSchema.extend({ version: z.coerce.number().int().min(1) });

export const RescoreSchema = z.object({
  version: z.coerce.number().int().min(1),
  assessedOn: isoDate("Assessment date"),
  likelihood: scaleStep("likelihood"),
  impact: scaleStep("impact"),
  rationale: text(2000, "rationale"),
});

export const AcceptanceRequestSchema = z.object({
  justification: z
    .string({ error: "Explain why the risk should be accepted." })
    .trim()
    .min(20, "Explain why in at least 20 characters.")
    .max(4000, "Keep the justification under 4000 characters."),
  expiresOn: isoDate("Expiry date"),
});

export const ACCEPTANCE_NOTE_MIN = 10;

// An approval is the executive's record of what they accepted and why (issue 13): it needs a note; a rejection may go without.
export const AcceptanceDecisionSchema = z
  .object({
    intent: z.enum(["approve", "reject"], { error: "Choose approve or reject." }),
    version: z.coerce.number().int().min(1),
    decisionNote: z.string().trim().max(2000, "Keep the note under 2000 characters.").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "approve" && v.decisionNote.length < ACCEPTANCE_NOTE_MIN)
      ctx.addIssue({
        code: "custom",
        path: ["decisionNote"],
        message: `Write a note of at least ${ACCEPTANCE_NOTE_MIN} characters: what you accept, and why.`,
      });
  });
