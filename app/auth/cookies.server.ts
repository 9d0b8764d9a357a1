import { getEnv } from "~/env.server";

/** A Set-Cookie value for a server-only cookie (HttpOnly, SameSite=Lax; Secure over HTTPS or when configured). */
export function serverCookie(request: Request, name: string, value: string, options: { path: string; maxAgeSeconds: number }): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, "HttpOnly", "SameSite=Lax", `Max-Age=${options.maxAgeSeconds}`];
  if (getEnv().SECURE_COOKIES || new URL(request.url).protocol === "https:") parts.push("Secure");
  return parts.join("; ");
}

/** A cookie's value, if present and of the expected shape (anything else counts as absent). */
export function readCookie(request: Request, name: string, shape: RegExp): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    const value = rest.join("=");
    return shape.test(value) ? value : null;
  }
  return null;
}
