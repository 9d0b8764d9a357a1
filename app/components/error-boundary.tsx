import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request could not be read", body: "Check the values you entered and try again." },
  401: { title: "Please sign in", body: "Your session has ended or you are not signed in." },
  403: { title: "Not permitted", body: "Your role does not allow this page or action. Ask the CISO office if you need access." },
  404: { title: "Not found", body: "There is nothing at this address. It may have been renamed or removed." },
  409: { title: "Changed by someone else", body: "This record changed since you opened it. Reload to see the latest version." },
  429: { title: "Too many attempts", body: "Please wait before trying again." },
};

/** One error page for every route: a clear message per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const known = MESSAGES[error.status];
    const detail = typeof error.data === "string" && error.data.length < 300 ? error.data : undefined;
    return (
      <section role="alert" className="rounded border border-slate-300 bg-white p-6">
        <p className="text-sm text-slate-500">Error {error.status}</p>
        <h1 className="mt-1 text-xl font-semibold">{known?.title ?? error.statusText ?? "Something went wrong"}</h1>
        <p className="mt-2 text-slate-700">{detail ?? known?.body}</p>
        <p className="mt-4">
          <a href="/">Go to your home page</a>
        </p>
      </section>
    );
  }
  return (
    <section role="alert" className="rounded border border-red-300 bg-white p-6">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-700">The error has been logged. Please try again; if it persists, tell an administrator.</p>
    </section>
  );
}
