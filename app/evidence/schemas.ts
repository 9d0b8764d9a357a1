import { z } from "zod";
import { EVIDENCE_PARENT_KINDS } from "#db/schema/evidence";
import { isoDate } from "~/utils/iso-date";

/** The fields that describe an uploaded file; the file itself is checked while it streams (upload.server.ts). */
export const EvidenceFieldsSchema = z
  .object({
    title: z.string({ error: "Give the evidence a title." }).trim().min(1, "Give the evidence a title.").max(200, "Keep the title under 200 characters."),
    description: z.string().trim().max(4000, "Keep the description under 4,000 characters.").default(""),
    evidenceDate: isoDate("Evidence date"),
    expiresOn: z.union([z.literal("").transform(() => null), isoDate("Expiry date")]).default(null),
  })
  .superRefine((v, ctx) => {
    if (v.expiresOn && v.expiresOn <= v.evidenceDate)
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry must come after the evidence date." });
  });
export type EvidenceFields = z.infer<typeof EvidenceFieldsSchema>;
export const EVIDENCE_FIELD_NAMES = ["title", "description", "evidenceDate", "expiresOn"] as const;

/** Where an upload goes: a parent (`?parent=obligation&id=12`) or a new version of an evidence row (`?previous=7`). */
export const UploadTargetSchema = z.union([
  z.object({
    previous: z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31),
  }),
  z.object({
    parent: z.enum(EVIDENCE_PARENT_KINDS),
    id: z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31),
  }),
]);
export type UploadTarget = z.infer<typeof UploadTargetSchema>;

export function uploadTargetFrom(params: URLSearchParams): UploadTarget | null {
  const raw = Object.fromEntries(["previous", "parent", "id"].flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])));
  const parsed = UploadTargetSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function uploadHref(target: UploadTarget): string {
  return "previous" in target ? `/evidence/new?previous=${target.previous}` : `/evidence/new?parent=${target.parent}&id=${target.id}`;
}
