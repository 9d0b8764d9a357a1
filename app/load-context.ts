// What the HTTP server hands every loader and action (see server/app.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    requestId: string;
    clientIp: string | null;
  }
}

export {};
