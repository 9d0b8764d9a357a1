import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./server";

/**
 * The penetration test's single requests (issue 10, findings 1, 2, 4 and 9)
 * against the built server as `npm start` runs it, with its own process so
 * that its log output can be read.
 */

let server: RunningServer;
const URLENCODED = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.stop());

const origin = () => ({ origin: server.baseUrl });

async function post(path: string, body: BodyInit, headers: Record<string, string> = URLENCODED) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    body,
    headers: { ...origin(), ...headers },
    duplex: "half",
  } as RequestInit);
  return { status: res.status, location: res.headers.get("location"), text: await res.text(), cookie: res.headers.get("set-cookie") };
}

function logLines(): Array<Record<string, unknown>> {
  return server
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("pen-test requests against the built server", () => {
  it("answers the 37-byte POST /login with a small 400", async () => {
    const res = await post("/login", "email=x&password=x&zz%5B10000000%5D=1");
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(10_000);
  });

  it("answers JSON, text/plain and boundary-less multipart with 415", async () => {
    for (const type of ["application/json", "text/plain", "multipart/form-data"]) {
      const res = await post("/login", '{"email":"x"}', { "content-type": type });
      expect(res.status, type).toBe(415);
    }
  });

  it("refuses a declared 2 MB body with a one-line 413, and cuts a 50 MB one off", async () => {
    const res = await post("/login", `v=${"a".repeat(2 * 1024 * 1024)}`);
    expect(res).toMatchObject({ status: 413, text: "The request is too large: this address accepts at most 256 kB." });
    // Past a few megabytes the server stops listening: the client sees the 413 or a closed connection.
    const huge = await post("/login", "a".repeat(50 * 1024 * 1024)).catch(() => ({ status: 0 }));
    expect([0, 413]).toContain(huge.status);
  });

  it("stops reading a chunked body at the limit", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`v=${"a".repeat(64 * 1024)}`);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 50 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await post("/login", stream).catch(() => ({ status: 0, text: "" }));
    if (res.status !== 0) expect(res.status).toBe(413);
    // Of the 50 MB offered, the server reads the limit plus a 4 MB drain, then cuts the connection. What the client
    // counts as sent also includes what the loopback socket buffers held at that moment (several MB under load), so
    // the bound is loose; a server that read the whole body would still fail it.
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it("sends a user who signs in with redirectTo=/\\t/evil.example to a same-origin page", async () => {
    const { email, password } = server.credentials.find((c) => c.role === "executive")!;
    const res = await post("/login", new URLSearchParams({ email, password, redirectTo: "/\t/evil.example" }));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/[^/\\\s]/);
    const cookie = res.cookie!.split(";")[0]!;
    for (const path of [
      "/login?redirectTo=%2F%09%2Fevil.example",
      "/login/mfa?redirectTo=%2F%09%5Cevil.example",
      "/login?redirectTo=%2F%E3%80%80%2Fevil.example",
    ]) {
      const again = await fetch(`${server.baseUrl}${path}`, { redirect: "manual", headers: { cookie } });
      expect(again.status, path).toBe(302);
      expect(again.headers.get("location"), path).toMatch(/^\/[^/\\\s]/);
    }
  });

  it("logs each request as one JSON line, a 404 without a stack, and no secrets", async () => {
    const res = await fetch(`${server.baseUrl}/favicon.ico?token=secret-in-query`);
    expect(res.status).toBe(404);
    await expect.poll(() => logLines().some((l) => l.path === "/favicon.ico")).toBe(true);
    const line = logLines().find((l) => l.path === "/favicon.ico")!;
    expect(line).toMatchObject({ level: "info", msg: "request", method: "GET", status: 404 });
    expect(line.requestId).toBe(res.headers.get("x-request-id"));
    const output = server.output();
    expect(output).not.toMatch(/No route matches|"stack"|\n\s+at /);
    expect(output).not.toContain("secret-in-query");
    const { password } = server.credentials.find((c) => c.role === "executive")!;
    expect(output.split("Rampart is serving on")[1]).not.toContain(password);
  });
});
