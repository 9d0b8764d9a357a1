import type { Role } from "#db/schema/enums";
import { milestones, users, workstreams } from "#db/schema";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { db } from "~/db.server";
import { milestoneHistorySpec, workstreamHistorySpec } from "~/history/specs.server";
import { recordVersion } from "~/history/versions.server";

let seq = 0;
const next = () => ++seq;

// A fixed, pre-computed argon2id hash keeps factories fast; tests that log in
// through the password form create their user with createUser instead.
export function makeUser(overrides: Partial<typeof users.$inferInsert> & { role?: Role } = {}) {
  const n = next();
  return db
    .insert(users)
    .values({ email: `user${n}@test.example`, name: `Test User ${n}`, role: "ciso_office", ...overrides })
    .returning()
    .get();
}

/** A user of the role with a live session, and the Cookie header that carries it. */
export function signedIn(role: Role, overrides: Partial<typeof users.$inferInsert> = {}) {
  const user = makeUser({ role, ...overrides });
  const { token, session } = createSession(user.id, { mfaVerified: true });
  return { user, session, token, cookie: `${SESSION_COOKIE}=${token}` };
}

export function makeWorkstream(overrides: Partial<typeof workstreams.$inferInsert> = {}) {
  const n = next();
  const row = db
    .insert(workstreams)
    .values({ code: `WS-T${n}`, name: `Workstream ${n}`, startDate: "2022-01-01", endDate: "2026-12-31", lifecycleStatus: "active", ...overrides })
    .returning()
    .get();
  // Like every insert path, the factory opens the first version of the workstream's history.
  recordVersion(db, workstreamHistorySpec, row.id, row, row.createdAt);
  return row;
}

export function makeMilestone(workstreamId: number, overrides: Partial<typeof milestones.$inferInsert> = {}) {
  const n = next();
  const baselineDate = overrides.baselineDate ?? "2024-06-30";
  const row = db
    .insert(milestones)
    .values({ workstreamId, code: `M-T${n}`, title: `Milestone ${n}`, baselineDate, originalBaselineDate: baselineDate, ...overrides })
    .returning()
    .get();
  recordVersion(db, milestoneHistorySpec, row.id, row, row.createdAt);
  return row;
}
