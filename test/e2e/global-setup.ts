import type { TestProject } from "vitest/node";
import { type Credential, type RunningServer, startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    credentials: Credential[];
  }
}

let server: RunningServer | undefined;

/** One built server with the demo programme for the whole browser suite. */
export async function setup(project: TestProject) {
  server = await startServer();
  if (server.credentials.length !== 5) throw new Error(`Expected five demo accounts in the start-up output:\n${server.output()}`);
  project.provide("baseUrl", server.baseUrl);
  project.provide("credentials", server.credentials);
}

export async function teardown() {
  await server?.stop();
}
