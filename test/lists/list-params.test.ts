import { describe, expect, it } from "vitest";
import { keptListFields, pageHref, rangeLabel, sortHref, withParams } from "~/lists/list-links";
import { DEFAULT_PAGE_SIZE, listParamsOr400, type ListSpec, MAX_SEARCH_LENGTH, parseListParams } from "~/lists/list-params";
import { pageOfArray } from "~/lists/page.server";
import { escapeLike } from "~/lists/search.server";

const SPEC: ListSpec<"code" | "title"> = { sorts: ["code", "title"], defaultSort: "code", defaultDir: "asc" };
const parse = (qs: string, spec = SPEC) => parseListParams(new URLSearchParams(qs), spec);

describe("list parameters", () => {
  it("defaults to page 1 of 50 in the list's own order, without a search", () => {
    const p = parse("");
    expect(p).toMatchObject({ page: 1, size: 50, sort: "code", dir: "asc", q: "", problems: [] });
    expect(DEFAULT_PAGE_SIZE).toBe(50);
  });

  it("reads every parameter when valid", () => {
    expect(parse("page=7&size=200&sort=title&dir=desc&q=%20firewall%20")).toMatchObject({ page: 7, size: 200, sort: "title", dir: "desc", q: "firewall" });
    for (const size of [25, 50, 100, 200]) expect(parse(`size=${size}`).size).toBe(size);
  });

  it("falls back to the default for each bad value and says why", () => {
    const p = parse("page=0&size=30&sort=password&dir=up");
    expect(p).toMatchObject({ page: 1, size: 50, sort: "code", dir: "asc" });
    expect(p.problems.map((x) => x.param)).toEqual(["sort", "dir", "page", "size"]);
    expect(parse("page=-1").page).toBe(1);
    expect(parse("page=1.5").page).toBe(1);
    expect(parse("page=abc").problems[0]?.message).toBe("use a page number");
    expect(parse("page=99999999").page).toBe(1);
    expect(parse("page=1000000").page).toBe(1_000_000);
    expect(parse("size=1000").size).toBe(50);
    expect(parse("size=0").size).toBe(50);
  });

  it("refuses a parameter given twice rather than picking one", () => {
    const p = parse("page=2&page=3");
    expect(p.page).toBe(1);
    expect(p.problems[0]).toMatchObject({ param: "page", message: "was given more than once" });
  });

  it("bounds the search: 200 characters pass, 201 are a 400 with the reason", async () => {
    expect(parse(`q=${"a".repeat(MAX_SEARCH_LENGTH)}`).q).toHaveLength(200);
    // Trimmed before it is measured.
    expect(parse(`q=${encodeURIComponent(` ${"a".repeat(200)} `)}`).q).toHaveLength(200);
    const thrown = (() => {
      try {
        listParamsOr400(new URL(`http://x/?q=${"a".repeat(201)}`), SPEC);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
    expect(await (thrown as Response).text()).toMatch(/q is too long: use at most 200 characters/);
  });

  it("prefixes every name for a second list on the same page", () => {
    const p = parse("actuals-page=3&actuals-sort=title&page=9&q=x&actuals-q=inv", { ...SPEC, prefix: "actuals-" });
    expect(p).toMatchObject({ page: 3, sort: "title", q: "inv" });
    expect(p.names).toEqual({ page: "actuals-page", size: "actuals-size", sort: "actuals-sort", dir: "actuals-dir", q: "actuals-q" });
  });
});

describe("list links", () => {
  const view = pageOfArray(
    parse("page=2&size=25&sort=title&dir=desc"),
    Array.from({ length: 8000 }, (_, i) => i),
  ).view;

  it("keeps the list's other filters in page and sort links", () => {
    const search = "?status=open&ws=WS-10&page=2&size=25&sort=title&dir=desc";
    expect(new URLSearchParams(pageHref(search, view, 3))).toEqual(new URLSearchParams("status=open&ws=WS-10&page=3&size=25&sort=title&dir=desc"));
    // Page 1 is the list without a page parameter.
    expect(pageHref(search, view, 1)).not.toContain("page=");
    // The same column flips the direction; another starts with its natural one; both go back to page 1.
    expect(new URLSearchParams(sortHref(search, view, "title", "asc"))).toEqual(new URLSearchParams("status=open&ws=WS-10&size=25&sort=title&dir=asc"));
    expect(new URLSearchParams(sortHref(search, view, "code", "desc"))).toEqual(new URLSearchParams("status=open&ws=WS-10&size=25&sort=code&dir=desc"));
    expect(withParams("?a=1", { a: undefined })).toBe("?");
  });

  it("says where the page is: 26–50 of 8,000", () => {
    expect(view).toMatchObject({ page: 2, first: 26, last: 50, total: 8000, pageCount: 320 });
    expect(rangeLabel(view, "risks")).toBe("26–50 of 8,000 risks");
    expect(rangeLabel({ first: 0, last: 0, total: 0 }, "risks")).toBe("No risks");
  });

  it("shows the last page for a page past the end, and nothing for an empty list", () => {
    const past = pageOfArray(
      parse("page=40&size=25"),
      Array.from({ length: 60 }, (_, i) => i),
    );
    expect(past.view).toMatchObject({ page: 3, first: 51, last: 60 });
    expect(past.rows).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));
    expect(pageOfArray(parse("page=2"), []).view).toMatchObject({ page: 1, first: 0, last: 0, total: 0, pageCount: 1 });
  });

  it("carries a chosen order and size through a filter form, and nothing when they are the defaults", () => {
    expect(keptListFields(view)).toEqual([
      { name: "sort", value: "title" },
      { name: "dir", value: "desc" },
      { name: "size", value: "25" },
    ]);
    expect(keptListFields(pageOfArray(parse(""), [1]).view)).toEqual([]);
  });

  it("escapes like's wildcards so they match themselves", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
  });
});
