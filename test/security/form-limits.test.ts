import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, milestones, sessions } from "#db/schema";
import { db } from "~/db.server";
import * as loginPage from "~/routes/login";
import * as milestonePage from "~/routes/milestones.$id";
import * as milestonesImport from "~/routes/milestones.import";
import { DEFAULT_FORM_LIMITS, readForm } from "~/utils/form.server";
import { FORM_BODY_LIMIT } from "~/utils/request-limits";
import { outcome } from "#test/admin/outcome";
import { makeMilestone, makeWorkstream, signedIn } from "#test/support/factories";
import { args } from "#test/support/requests";

const ORIGIN = "http://localhost:3000";
const URLENCODED = "application/x-www-form-urlencoded";

function rawPost(path: string, body: BodyInit | null, contentType: string | null, cookie?: string): Request {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (contentType) headers["content-type"] = contentType;
  if (cookie) headers.cookie = cookie;
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A body that never ends, counting how many bytes the reader pulled out of it. */
function endlessBody(chunkBytes = 64 * 1024) {
  const chunk = new TextEncoder().encode("a".repeat(chunkBytes));
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

async function refusal(run: () => Promise<unknown>): Promise<{ status: number; text: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() };
    throw error;
  }
  throw new Error("expected a refusal");
}

const rowCount = (table: typeof auditEvents | typeof sessions) => db.select({ n: count() }).from(table).get()!.n;

describe("readForm", () => {
  it("returns the fields of an ordinary form", async () => {
    const form = await readForm(rawPost("/x", "title=Hello&dependsOn%5B0%5D=3&dependsOn%5B1%5D=4", URLENCODED));
    expect(form.get("title")).toBe("Hello");
    expect(form.getAll("dependsOn[1]")).toEqual(["4"]);
  });

  it.each([
    ["JSON", "application/json", '{"email":"x"}'],
    ["text/plain", "text/plain", "email=x"],
    ["no content type", null, "email=x"],
    ["multipart without a boundary", "multipart/form-data", "email=x"],
    ["multipart with a boundary on a form that takes no files", "multipart/form-data; boundary=abc", "--abc--\r\n"],
  ])("answers 415 to %s", async (_name, type, body) => {
    const res = await refusal(() => readForm(rawPost("/x", body, type)));
    expect(res.status).toBe(415);
    expect(res.text.length).toBeLessThan(200);
  });

  it("accepts multipart with a boundary where the route takes files, and still refuses it without one", async () => {
    const body = new FormData();
    body.append("file", new File(["code,title\n"], "m.csv", { type: "text/csv" }));
    const form = await readForm(new Request(`${ORIGIN}/x`, { method: "POST", body }), { files: true });
    expect(form.get("file")).toBeInstanceOf(File);
    expect((await refusal(() => readForm(rawPost("/x", "x", "multipart/form-data"), { files: true }))).status).toBe(415);
  });

  it("answers 413 from the declared length without reading the body", async () => {
    const { stream, pulled } = endlessBody();
    const request = new Request(`${ORIGIN}/x`, {
      method: "POST",
      body: stream,
      headers: { "content-type": URLENCODED, "content-length": String(50 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    const res = await refusal(() => readForm(request));
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it("answers 413 to a streamed body with no length once it passes the cap, and stops reading it", async () => {
    const { stream, pulled } = endlessBody();
    const res = await refusal(() => readForm(rawPost("/x", stream, URLENCODED)));
    expect(res.status).toBe(413);
    expect(res.text).toContain("256 kB");
    expect(pulled.bytes).toBeLessThan(FORM_BODY_LIMIT + 4 * 64 * 1024);
  });

  it("refuses far-out array indices, too many array slots, too many fields and overlong names or values with 400", async () => {
    const cases: string[] = [
      "zz%5B10000000%5D=1",
      `a%5B${DEFAULT_FORM_LIMITS.maxIndex + 1}%5D=1`,
      "cells%5B5%5D.x%5B99999999999999999999%5D=1",
      Array.from({ length: 30 }, (_, i) => `l${i}%5B100%5D=1`).join("&"),
      Array.from({ length: DEFAULT_FORM_LIMITS.maxFields + 1 }, (_, i) => `f${i}=1`).join("&"),
      `${"n".repeat(201)}=1`,
      `v=${"x".repeat(DEFAULT_FORM_LIMITS.maxValueLength + 1)}`,
      Array.from({ length: 5 }, (_, i) => `t${i}=${"x".repeat(DEFAULT_FORM_LIMITS.maxTotalLength / 5 + 1)}`).join("&"),
    ];
    for (const body of cases) {
      const res = await refusal(() => readForm(rawPost("/x", body, URLENCODED)));
      expect(res.status, body.slice(0, 60)).toBe(400);
      expect(res.text).not.toContain("zz");
      expect(res.text.length).toBeLessThan(200);
    }
  });

  it("lets a route raise the bounds it needs", async () => {
    const form = await readForm(rawPost("/x", "cells%5B1999%5D.amount=1", URLENCODED), { maxIndex: 1999 });
    expect(form.get("cells[1999].amount")).toBe("1");
  });
});

describe("the pen-test requests", () => {
  it("answers the 37-byte POST /login at once with a small 400 and writes nothing", async () => {
    const audits = rowCount(auditEvents);
    const live = rowCount(sessions);
    const body = "email=x&password=x&zz%5B10000000%5D=1";
    expect(body).toHaveLength(37);
    const res = await outcome<string>(() => loginPage.action(args(rawPost("/login", body, URLENCODED))));
    expect(res.status).toBe(400);
    expect(String(res.body).length).toBeLessThan(10_000);
    expect(rowCount(auditEvents)).toBe(audits);
    expect(rowCount(sessions)).toBe(live);
  });

  it.each([
    ["application/json", '{"email":"a@b.example","password":"x"}'],
    ["text/plain", "email=a@b.example&password=x"],
    ["multipart/form-data", "email=a@b.example&password=x"],
  ])("answers %s sent to /login with 415, not 500", async (type, body) => {
    const res = await outcome(() => loginPage.action(args(rawPost("/login", body, type))));
    expect(res.status).toBe(415);
  });

  it("answers an endless anonymous upload to /login with 413 after a bounded read", async () => {
    const { stream, pulled } = endlessBody();
    const res = await outcome<string>(() => loginPage.action(args(rawPost("/login", stream, URLENCODED))));
    expect(res.status).toBe(413);
    expect(String(res.body).length).toBeLessThan(10_000);
    expect(pulled.bytes).toBeLessThan(FORM_BODY_LIMIT + 4 * 64 * 1024);
  });

  it("refuses a workstream lead's dependsOn[1000000]=11 on their own milestone with a small 400 and leaves it unchanged", async () => {
    const { user, cookie } = signedIn("workstream_lead");
    const ws = makeWorkstream({ ownerId: user.id });
    const m = makeMilestone(ws.id);
    const other = makeMilestone(ws.id);
    const body = `intent=edit&version=${m.version}&title=Changed&dependsOn%5B1000000%5D=${other.id}`;
    const res = await outcome<string>(() => milestonePage.action(args(rawPost(`/milestones/${m.id}`, body, URLENCODED, cookie), { id: String(m.id) })));
    expect(res.status).toBe(400);
    expect(String(res.body).length).toBeLessThan(10_000);
    expect(db.select().from(milestones).where(eq(milestones.id, m.id)).get()).toEqual(m);
  });

  it("answers an endless milestone import with 413 after a bounded read", async () => {
    const { cookie } = signedIn("ciso_office");
    const { stream, pulled } = endlessBody(256 * 1024);
    const res = await outcome(() => milestonesImport.action(args(rawPost("/milestones/import", stream, "multipart/form-data; boundary=x", cookie))));
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThan(9 * 1024 * 1024);
  });
});
