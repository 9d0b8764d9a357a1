import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WorkstreamFilter } from "~/components/filter-bar";
import { db } from "~/db.server";
import { FILTER_SELECT_MAX, workstreamFilterOptions } from "~/milestones/milestone-queries.server";
import { makeWorkstream } from "#test/support/factories";

describe("the workstream filter of the milestone and engagement lists", () => {
  it("is a drop-down of every workstream while there are few, and a code field once there are more than it lists", () => {
    for (let i = 1; i <= FILTER_SELECT_MAX; i++) makeWorkstream({ code: `WS-${String(i).padStart(3, "0")}` });
    const few = workstreamFilterOptions(db);
    expect(few?.map((w) => w.code)).toHaveLength(FILTER_SELECT_MAX);
    const select = renderToStaticMarkup(createElement(WorkstreamFilter, { value: "WS-002", options: few }));
    expect(select.match(/<option /g)).toHaveLength(FILTER_SELECT_MAX + 1);
    expect(select).toContain('<option value="WS-002" selected="">');

    makeWorkstream({ code: "WS-999" });
    expect(workstreamFilterOptions(db)).toBeNull();
    const field = renderToStaticMarkup(createElement(WorkstreamFilter, { value: "WS-002", options: null }));
    expect(field).not.toContain("<option");
    expect(field).toMatch(/<input name="workstream"[^>]* value="WS-002"/);
  });
});
