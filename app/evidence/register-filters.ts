import { z } from "zod";
import { EVIDENCE_FILE_TYPES, EVIDENCE_PARENT_KINDS } from "#db/schema/evidence";
import { describeProblems, parseQueryParams } from "~/utils/query";

export const REGISTER_STATES = ["current", "expiring", "expired"] as const;

const SHAPE = {
  parent: z.enum(EVIDENCE_PARENT_KINDS, { error: `use one of ${EVIDENCE_PARENT_KINDS.join(", ")}` }),
  state: z.enum(REGISTER_STATES, { error: `use one of ${REGISTER_STATES.join(", ")}` }),
  type: z.enum(EVIDENCE_FILE_TYPES, { error: `use one of ${EVIDENCE_FILE_TYPES.join(", ")}` }),
  page: z.coerce.number({ error: "use a page number" }).int().min(1, "use a page number from 1").max(100_000, "use a page number up to 100,000"),
};

/** /evidence?parent=&state=&type=&page=: each value checked alone; a bad one is dropped and reported. */
export function parseRegisterQuery(params: URLSearchParams) {
  const { values, problems } = parseQueryParams(SHAPE, params);
  return {
    filters: { parentKind: values.parent, state: values.state, fileType: values.type },
    page: values.page ?? 1,
    ignored: describeProblems(problems),
  };
}
