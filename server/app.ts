import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import path from "node:path";
import { bodyLimit } from "./body-limit";
import { errorHandler } from "./error-handler";
import { remixHandler } from "./remix-handler";
import { requestLog } from "./request-log";
import { originCheck, securityHeaders } from "./security";

export type AppOptions = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  clientDir: string;
  dev: boolean;
  trustProxy: false | number | string[];
  allowedOrigin?: string;
};

/** The HTTP application: security middleware in front of static assets and Remix. */
export function createApp(options: AppOptions) {
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy !== false) app.set("trust proxy", options.trustProxy);
  app.use(compression());
  app.use(securityHeaders({ dev: options.dev }));
  app.use(requestLog());
  app.use(bodyLimit());
  app.use(originCheck({ allowedOrigin: options.allowedOrigin }));

  // Fingerprinted build output can be cached forever; everything else briefly.
  app.use("/assets", express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(options.clientDir, { maxAge: "1h" }));

  app.all(
    "*",
    remixHandler({
      build: options.build,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        requestId: res.locals.requestId as string,
        clientIp: req.ip ?? null,
      }),
    }),
  );
  app.use(errorHandler);
  return app;
}
