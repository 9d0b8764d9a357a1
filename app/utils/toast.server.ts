import { redirect } from "@remix-run/node";
import { z } from "zod";

/**
 * A one-shot message shown after a redirect ("Milestone saved"). It carries
 * no secret and no authority, so a plain cookie is enough; the root loader
 * reads it and clears it.
 */
const TOAST_COOKIE = "rampart_toast";
const ToastSchema = z.object({ kind: z.enum(["success", "error", "info"]), message: z.string().max(300) });
export type Toast = z.infer<typeof ToastSchema>;

export function toastCookie(toast: Toast): string {
  const value = Buffer.from(JSON.stringify(toast)).toString("base64url");
  return `${TOAST_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`;
}

export function redirectWithToast(to: string, toast: Toast, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", toastCookie(toast));
  return redirect(to, { ...init, headers });
}

/** The pending toast and the header that clears it, if any. */
export function readToast(request: Request): { toast: Toast | null; clear: string | null } {
  const raw = request.headers
    .get("cookie")
    ?.split(";")
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${TOAST_COOKIE}=`))
    ?.slice(TOAST_COOKIE.length + 1);
  if (!raw) return { toast: null, clear: null };
  const clear = `${TOAST_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
  try {
    const parsed = ToastSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { toast: parsed.success ? parsed.data : null, clear };
  } catch {
    return { toast: null, clear };
  }
}
