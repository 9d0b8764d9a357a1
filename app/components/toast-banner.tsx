import type { Toast } from "~/utils/toast.server";

const TONE: Record<Toast["kind"], string> = {
  success: "border-green-300 bg-green-50 text-green-900",
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
};

/** The message left by the last action, rendered on the server so it shows without JavaScript. */
export function ToastBanner({ toast }: { toast: Toast }) {
  return (
    <div role="status" aria-live="polite" className={`mb-4 rounded border px-3 py-2 text-sm no-print ${TONE[toast.kind]}`}>
      {toast.message}
    </div>
  );
}
