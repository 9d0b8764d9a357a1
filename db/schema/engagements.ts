import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./auth";
import { id, sqlList, timestamps, version } from "./columns";
import { DELIVERABLE_STATUSES, ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES } from "./enums";
import { milestones, workstreams } from "./workstreams";

export const vendors = sqliteTable(
  "vendors",
  {
    id: id(),
    name: text("name").notNull(),
    contactName: text("contact_name").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    notes: text("notes").notNull().default(""),
    ...timestamps(),
    version: version(),
  },
  (t) => [uniqueIndex("vendors_name_unique").on(t.name)],
);

export const engagements = sqliteTable(
  "engagements",
  {
    id: id(),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    kind: text("kind", { enum: ENGAGEMENT_KINDS }).notNull(),
    sowReference: text("sow_reference").notNull(),
    description: text("description").notNull().default(""),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    contractValueCents: integer("contract_value_cents").notNull().default(0),
    status: text("status", { enum: ENGAGEMENT_STATUSES }).notNull().default("planned"),
    relationshipOwnerId: integer("relationship_owner_id").references(() => users.id),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex("engagements_sow_unique").on(t.sowReference),
    index("engagements_vendor_idx").on(t.vendorId),
    index("engagements_owner_idx").on(t.relationshipOwnerId),
    index("engagements_status_idx").on(t.status),
    index("engagements_kind_idx").on(t.kind),
    check("engagements_kind_check", sql`${t.kind} in (${sqlList(ENGAGEMENT_KINDS)})`),
    check("engagements_status_check", sql`${t.status} in (${sqlList(ENGAGEMENT_STATUSES)})`),
    check("engagements_value_check", sql`${t.contractValueCents} >= 0`),
    check("engagements_dates_check", sql`${t.endDate} >= ${t.startDate}`),
  ],
);

export const engagementWorkstreams = sqliteTable(
  "engagement_workstreams",
  {
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "cascade" }),
    workstreamId: integer("workstream_id")
      .notNull()
      .references(() => workstreams.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.engagementId, t.workstreamId] }), index("engagement_workstreams_workstream_idx").on(t.workstreamId)],
);

export const deliverables = sqliteTable(
  "deliverables",
  {
    id: id(),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    dueDate: text("due_date").notNull(),
    acceptedDate: text("accepted_date"),
    status: text("status", { enum: DELIVERABLE_STATUSES }).notNull().default("pending"),
    milestoneId: integer("milestone_id").references(() => milestones.id, { onDelete: "set null" }),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    index("deliverables_engagement_idx").on(t.engagementId),
    index("deliverables_milestone_idx").on(t.milestoneId),
    index("deliverables_status_idx").on(t.status),
    index("deliverables_due_idx").on(t.dueDate),
    check("deliverables_status_check", sql`${t.status} in (${sqlList(DELIVERABLE_STATUSES)})`),
  ],
);
