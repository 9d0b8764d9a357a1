import { z } from "zod";
import { ROLES, type Role } from "#db/schema/enums";
import { ROLE_LABELS } from "~/admin/user-filters";
import type { SsoRoleMap } from "./schemas";

const BY_NAME = new Map<string, Role>([...ROLES.map((r) => [r, r] as const), ...ROLES.map((r) => [ROLE_LABELS[r].toLowerCase(), r] as const)]);

/** The mapping as administrators type it: one `group = role` per line, most privileged first. */
export function formatRoleMap(map: SsoRoleMap): string {
  return map.rules.map((r) => `${r.group} = ${ROLE_LABELS[r.role]}`).join("\n");
}

/** Parses the typed mapping; each bad line is named with its number, beside the field. */
export const SsoRoleMapFormSchema = z.object({
  version: z.coerce.number().int().min(0),
  rules: z
    .string()
    .max(20_000, "That mapping is too long (at most 100 rules).")
    .optional()
    .default("")
    .transform((text, ctx) => {
      const rules: SsoRoleMap["rules"] = [];
      const seen = new Set<string>();
      text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (!line || line.startsWith("#")) return;
        const at = line.lastIndexOf("=");
        const group = at > 0 ? line.slice(0, at).trim() : "";
        const role = BY_NAME.get(
          line
            .slice(at + 1)
            .trim()
            .toLowerCase(),
        );
        if (!group || !role) {
          ctx.addIssue({
            code: "custom",
            message: `Line ${i + 1}: write “group = role”, the role being one of ${ROLES.map((r) => ROLE_LABELS[r]).join(", ")}.`,
          });
        } else if (group.length > 200) {
          ctx.addIssue({ code: "custom", message: `Line ${i + 1}: a group name has at most 200 characters.` });
        } else if (seen.has(group)) {
          ctx.addIssue({ code: "custom", message: `Line ${i + 1}: ${group} is already mapped above; each group may appear once.` });
        } else {
          seen.add(group);
          rules.push({ group, role });
        }
      });
      if (rules.length > 100) ctx.addIssue({ code: "custom", message: "At most 100 rules." });
      return rules;
    }),
});
