import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { readForm } from "~/utils/form.server";
import { noteRequestUser } from "~/utils/request-context.server";
import { ACTUALS_IMPORT_BODY_LIMIT, bodyLimitFor, FORM_BODY_LIMIT, IMPORT_BODY_LIMIT, PLAN_GRID_BODY_LIMIT } from "~/utils/request-limits";
import { bodyLimit } from "../../server/body-limit";
import { errorHandler } from "../../server/error-handler";
import { remixRequest } from "../../server/remix-handler";
import { requestLog } from "../../server/request-log";
import { securityHeaders } from "../../server/security";

type Line = Record<string, unknown>;
const lines: Line[] = [];

/**
 * The Express layers of server/app.ts in their order, in front of a handler
 * that reads the form the way every action does, from the Request that
 * server/remix-handler.ts builds.
 */
function testApp() {
  const app = express();
  app.use(securityHeaders({ dev: false }));
  app.use(requestLog((level, msg, fields) => lines.push({ level, msg, ...fields })));
  app.use(bodyLimit());
  app.post(["/login", "/milestones/import"], async (req, res) => {
    try {
      noteRequestUser(42);
      const form = await readForm(remixRequest(req, res), {
        files: true,
        maxBytes: res.locals.bodyLimit as number,
        maxValueLength: IMPORT_BODY_LIMIT,
        maxTotalLength: IMPORT_BODY_LIMIT,
      });
      res
        .status(200)
        .type("text/plain")
        .send(`fields: ${[...form.keys()].length}`);
    } catch (error) {
      if (!(error instanceof Response)) throw error;
      res
        .status(error.status)
        .type("text/plain")
        .send(await error.text());
    }
  });
  app.get("/boom", () => {
    throw new Error("kaboom");
  });
  app.get("/refused", () => {
    throw Object.assign(new Error("client mistake"), { status: 400 });
  });
  app.use(errorHandler);
  return app;
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = testApp().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => {
  lines.length = 0;
  vi.restoreAllMocks();
});

/** One form field `v=aaa…` sent in chunks with no Content-Length, as `Transfer-Encoding: chunked`. */
function chunked(totalBytes: number, chunkBytes = 64 * 1024) {
  const chunk = new TextEncoder().encode("a".repeat(chunkBytes));
  const sent = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent.bytes >= totalBytes) return controller.close();
      const next = sent.bytes === 0 ? new TextEncoder().encode(`v=${"a".repeat(chunkBytes - 2)}`) : chunk;
      sent.bytes += next.byteLength;
      controller.enqueue(next);
    },
  });
  return { stream, sent };
}

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    duplex: "half",
  } as RequestInit).catch((error: Error) => error);
  if (res instanceof Error) return { status: 0, text: res.message };
  return { status: res.status, text: await res.text() };
}

async function logged(): Promise<Line> {
  await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0));
  return lines.at(-1)!;
}

describe("body limits in the HTTP layer", () => {
  it("refuses a declared 2 MB anonymous POST /login with a short 413 before parsing it", async () => {
    const res = await post("/login", `v=${"a".repeat(2 * 1024 * 1024)}`);
    expect(res.status).toBe(413);
    expect(res.text).toBe("The request is too large: this address accepts at most 256 kB.");
    expect((await logged()).status).toBe(413);
  });

  it("cuts off a declared 50 MB upload instead of reading it all", async () => {
    const { stream, sent } = chunked(50 * 1024 * 1024);
    const res = await post("/login", stream, { "content-length": String(50 * 1024 * 1024) });
    // The client sees the 413 or, having kept on sending, a closed connection.
    expect([0, 413]).toContain(res.status);
    expect(sent.bytes).toBeLessThan(10 * 1024 * 1024);
    expect((await logged()).status).toBe(413);
  });

  it("cuts off a chunked body without a length at the same limit", async () => {
    const { stream, sent } = chunked(50 * 1024 * 1024);
    const res = await post("/login", stream);
    // The server answers 413 and closes; the client may see the answer or the closed socket.
    if (res.status !== 0) {
      expect(res.status).toBe(413);
      expect(res.text.length).toBeLessThan(200);
    }
    expect(sent.bytes).toBeLessThan(10 * 1024 * 1024);
    expect((await logged()).status).toBe(413);
  });

  it("lets an ordinary form and a chunked import under their limits through", async () => {
    expect(await post("/login", "email=a%40b.example&password=x")).toEqual({ status: 200, text: "fields: 2" });
    const { stream } = chunked(FORM_BODY_LIMIT * 2);
    const big = await post("/milestones/import", stream);
    expect(big).toEqual({ status: 200, text: "fields: 1" });
  });
});

describe("bodyLimitFor", () => {
  it("gives each import and the plan grid their limit, also when posted by JavaScript to the .data path", () => {
    for (const path of ["/milestones/import", "/milestones/import/", "/milestones/import.data", "/risks/import.data", "/measures/import"])
      expect(bodyLimitFor(path), path).toBe(IMPORT_BODY_LIMIT);
    expect(bodyLimitFor("/budget/actuals/import.data")).toBe(ACTUALS_IMPORT_BODY_LIMIT);
    expect(bodyLimitFor("/budget/plan.data")).toBe(PLAN_GRID_BODY_LIMIT);
    for (const path of ["/", "/login", "/login.data", "/milestones/import/x", "/milestones/importx", "/_root.data"])
      expect(bodyLimitFor(path), path).toBe(FORM_BODY_LIMIT);
  });
});

describe("the request log", () => {
  it("writes one JSON line per request with id, method, path, user, status and duration, and no query string or cookie", async () => {
    const res = await fetch(`${base}/login?token=secret-setup-token&redirectTo=%2Fx`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: "rampart_session=secret-cookie" },
      body: "password=hunter2",
    });
    const line = await logged();
    expect(line).toMatchObject({ level: "info", msg: "request", method: "POST", path: "/login", userId: 42, status: 200 });
    expect(line.requestId).toBe(res.headers.get("x-request-id"));
    expect(typeof line.durationMs).toBe("number");
    const text = JSON.stringify(line);
    for (const secret of ["secret-setup-token", "secret-cookie", "hunter2", "redirectTo"]) expect(text).not.toContain(secret);
  });

  it("logs a 404 as a request line, not as an error", async () => {
    const res = await fetch(`${base}/favicon.ico`);
    expect(res.status).toBe(404);
    expect(await logged()).toMatchObject({ level: "info", path: "/favicon.ico", status: 404 });
  });

  it("logs a 500 with its stack, and a 4xx thrown error without one", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const boom = await fetch(`${base}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).not.toContain("kaboom");
    const errors = stderr.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ level: "error", msg: "kaboom" });
    expect(String(errors[0]!.stack)).toContain("http-layer.test.ts");
    expect((await logged()).level).toBe("error");

    stderr.mockClear();
    const refused = await fetch(`${base}/refused`);
    expect(refused.status).toBe(400);
    expect(stderr).not.toHaveBeenCalled();
  });
});

describe("Remix's handleError", () => {
  const request = () => new Request("http://localhost:3000/favicon.ico");

  it("says nothing for a 404 or a thrown 4xx, which the request line already records", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    // The shape Remix hands over for an unmatched URL: an error response wrapping an internal Error.
    const { UNSAFE_ErrorResponseImpl: ErrorResponseImpl } = await import("@remix-run/router");
    handleError(new ErrorResponseImpl(404, "Not Found", new Error('No route matches URL "/favicon.ico"'), true), {
      request: request(),
      params: {},
      context: {} as never,
    });
    handleError(new Response("Forbidden", { status: 403 }), { request: request(), params: {}, context: {} as never });
    expect(stderr).not.toHaveBeenCalled();
  });

  it("logs a real error as one JSON line with its stack", () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    handleError(new Error("database is locked"), { request: request(), params: {}, context: {} as never });
    expect(stderr).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(stderr.mock.calls[0]![0])) as Line;
    expect(line).toMatchObject({ level: "error", msg: "database is locked" });
    expect(String(line.stack)).toMatch(/^Error: database is locked\n\s+at /);
  });
});
