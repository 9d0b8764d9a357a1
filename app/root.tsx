import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import "./load-context";
import { AppShell } from "./components/app-shell";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { ToastBanner } from "./components/toast-banner";
import stylesheet from "./tailwind.css?url";
import { useNonce } from "./utils/nonce";
import { rootLoader } from "./root-loader.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const loader = rootLoader;

// Pages without a meta of their own, and the error pages (an unknown address is a 404 rendered here), still get a title (WCAG 2.4.2).
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: "Rampart" }];
  if (isRouteErrorResponse(error)) return [{ title: `${error.status === 404 ? "Not found" : `Error ${error.status}`} · Rampart` }];
  return [{ title: "Something went wrong · Rampart" }];
};

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <AppShell
      user={data?.user ?? null}
      programName={data?.programName ?? "Rampart"}
      navigation={data?.navigation ?? []}
      unreadNotifications={data?.unreadNotifications ?? 0}
    >
      {data?.toast ? <ToastBanner toast={data.toast} /> : null}
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <main className="mx-auto max-w-3xl p-8">
      <GeneralErrorBoundary />
    </main>
  );
}
