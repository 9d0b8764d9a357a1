/**
 * Penetration test, findings 6 and 10: the address that throttling and the
 * audit trail record cannot be chosen by the client, and the Origin check
 * never trusts the Host header. Real HTTP through the real Express app
 * (server/app.ts), with the real log-in action behind it.
 */
import type { ServerBuild } from "@remix-run/node";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, throttles } from "#db/schema";
import { db } from "~/db.server";
import { loadEnv } from "~/env.server";
import * as loginPage from "~/routes/login";
import { createApp } from "../../server/app";

// The smallest build Remix serves: an empty root and the log-in action as a resource route.
const build = {
  mode: "production",
  entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/login": { id: "routes/login", parentId: "root", path: "login", module: { action: loginPage.action } },
  },
  assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
  publicPath: "/",
  assetsBuildDirectory: "",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

type Answer = { status: number; body: string };

function serve(trustProxy: string | undefined) {
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "rampart-client-"));
  const app = createApp({ build, clientDir, dev: false, trustProxy: loadEnv({ TRUST_PROXY: trustProxy }).TRUST_PROXY });
  return new Promise<{ port: number; close: () => void }>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() }));
  });
}

function post(port: number, body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/login", headers: { "content-type": "application/x-www-form-urlencoded", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const loginBody = (email: string) => new URLSearchParams({ email, password: "a wrong password entirely" }).toString();
const ORIGIN = { origin: "http://localhost:3000" };

describe("TRUST_PROXY", () => {
  it("refuses `true` and anything that trusts every address, with a message", () => {
    expect(() => loadEnv({ TRUST_PROXY: "true" })).toThrow(/would trust every hop/);
    expect(() => loadEnv({ TRUST_PROXY: "0.0.0.0/0" })).toThrow(/cannot trust 0\.0\.0\.0\/0/);
    expect(() => loadEnv({ TRUST_PROXY: "10.0.0.1, not-an-address" })).toThrow(/cannot trust not-an-address/);
    expect(() => loadEnv({ TRUST_PROXY: "64" })).toThrow(/not plausible/);
  });

  it("takes a hop count or a list of proxy addresses and networks", () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(loadEnv({ TRUST_PROXY: "10.0.0.5, 10.1.0.0/16,::1,loopback" }).TRUST_PROXY).toEqual(["10.0.0.5", "10.1.0.0/16", "::1", "loopback"]);
  });

  describe("with TRUST_PROXY=1 behind one proxy", () => {
    let server: { port: number; close: () => void };
    beforeAll(async () => {
      server = await serve("1");
    });
    afterAll(() => server.close());

    it("records the address the proxy saw, whatever the client put in front of it", async () => {
      const email = "proxy-target@example.com";
      // The proxy appends the real client address; everything before it is the attacker's.
      const forged = ["6.6.6.6", "10.0.0.1, 127.0.0.1", "203.0.113.99, 198.51.100.1", "::1", "garbage"];
      const answers: Answer[] = [];
      for (let i = 0; i < 8; i++) {
        answers.push(await post(server.port, loginBody(email), { ...ORIGIN, "x-forwarded-for": `${forged[i % forged.length]}, 198.51.100.7` }));
      }
      expect(answers.slice(0, 6).map((a) => a.status)).toEqual(Array(6).fill(400));
      expect(answers[0]!.body).toContain("do not match an active account");
      // Varying the forged entries did not escape the per-address budget.
      expect(answers[6]!.status).toBe(429);
      expect(answers[6]!.body).toMatch(/try again in/);
      const ips = db
        .select({ ip: auditEvents.ip })
        .from(auditEvents)
        .where(eq(auditEvents.action, "auth.login_failed"))
        .all()
        .map((e) => e.ip);
      expect(new Set(ips)).toEqual(new Set(["198.51.100.7"]));
      expect(
        db
          .select()
          .from(throttles)
          .where(eq(throttles.key, `login:pair:${email}:198.51.100.7`))
          .get()?.failures,
      ).toBeGreaterThanOrEqual(6);
    });
  });

  describe("without TRUST_PROXY", () => {
    let server: { port: number; close: () => void };
    beforeAll(async () => {
      server = await serve(undefined);
    });
    afterAll(() => server.close());

    it("ignores X-Forwarded-For and records the connection's address", async () => {
      await post(server.port, loginBody("direct@example.com"), { ...ORIGIN, "x-forwarded-for": "6.6.6.6" });
      const last = db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login_failed")).all().at(-1)!;
      expect(last.ip).toBe("127.0.0.1");
    });
  });
});

describe("the Origin check", () => {
  let server: { port: number; close: () => void };
  beforeAll(async () => {
    server = await serve(undefined);
  });
  afterAll(() => server.close());

  it("never trusts the Host header: a post from evil.example naming itself as Host is refused", async () => {
    const res = await post(server.port, loginBody("host@example.com"), { origin: "http://evil.example", host: "evil.example" });
    expect(res.status).toBe(403);
    expect(res.body).toBe("Cross-origin request refused.");
    const referer = await post(server.port, loginBody("host@example.com"), { referer: "http://evil.example/form", host: "evil.example" });
    expect(referer.status).toBe(403);
    const none = await post(server.port, loginBody("host@example.com"), { host: "localhost:3000" });
    expect(none.status).toBe(403);
  });

  it("on loopback without APP_ORIGIN accepts http://localhost:PORT and http://127.0.0.1:PORT", async () => {
    expect((await post(server.port, loginBody("one@example.com"), { origin: "http://localhost:3000" })).status).toBe(400);
    expect((await post(server.port, loginBody("two@example.com"), { origin: "http://127.0.0.1:3000" })).status).toBe(400);
    expect((await post(server.port, loginBody("three@example.com"), { origin: "http://localhost:3001" })).status).toBe(403);
  });
});
