import { readCookie, serverCookie } from "../cookies.server";
import { LINK_PENDING_MS } from "./accounts.server";

const LINK_COOKIE = "rampart_oidc_link";

/** The browser's half of a pending link: only it can finish linking, and only with the account's password. */
export const linkCookie = (request: Request, token: string, maxAgeSeconds = LINK_PENDING_MS / 1000) =>
  serverCookie(request, LINK_COOKIE, token, { path: "/auth/oidc", maxAgeSeconds });

export const clearLinkCookie = (request: Request) => linkCookie(request, "", 0);

export const readLinkCookie = (request: Request) => readCookie(request, LINK_COOKIE, /^[a-z2-7]{16,64}$/);
