/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A minimal, self-contained HTML email around already-escaped body HTML. */
export function htmlDocument(title: string, bodyHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;color:#0f172a">${bodyHtml}<p style="color:#64748b;font-size:12px">Sent by Rampart. Change how often you get these on your account page.</p></body></html>`;
}
