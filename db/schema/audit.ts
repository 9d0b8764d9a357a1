import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./auth";

/**
 * Append-only trail. Each row carries the hash of the previous row, so a
 * changed or removed row breaks the chain; triggers (in a migration) refuse
 * UPDATE and DELETE.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: text("before"),
    after: text("after"),
    requestId: text("request_id"),
    ip: text("ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_actor_idx").on(t.actorId),
    index("audit_events_entity_idx").on(t.entity, t.entityId),
    // A user's last sign-in (/admin/users): a seek to the newest, not a read of each of their thousands of events.
    index("audit_events_entity_action_at_idx").on(t.entity, t.entityId, t.action, t.at),
    index("audit_events_action_idx").on(t.action),
    index("audit_events_at_idx").on(t.at),
  ],
);

/**
 * Where verification of the chain has got to, so a page view checks only
 * the events written since (issue 12; docs/decisions/015). One row (id 1):
 * the last event verified, its hash (the next event must link to it), how
 * many events that covers and when. A break, once found, is kept here until
 * a full `audit:verify` passes again.
 */
export const auditCheckpoints = sqliteTable("audit_checkpoints", {
  id: integer("id").primaryKey(),
  lastEventId: integer("last_event_id").notNull(),
  lastHash: text("last_hash").notNull(),
  eventCount: integer("event_count").notNull(),
  verifiedAt: text("verified_at").notNull(),
  brokenEventId: integer("broken_event_id"),
  brokenReason: text("broken_reason"),
  brokenAt: text("broken_at"),
});
