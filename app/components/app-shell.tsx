import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { NavItem } from "./navigation";

type Props = {
  user: { name: string; email: string; role: string } | null;
  programName: string;
  navigation: NavItem[];
  children: ReactNode;
};

export function AppShell({ user, programName, navigation, children }: Props) {
  return (
    <div className="flex min-h-screen flex-col">
      {/* WCAG 2.4.1: the first stop of the keyboard skips the header and its navigation. */}
      <a
        href="#main"
        className="sr-only rounded bg-white px-3 py-2 font-semibold text-sky-900 focus-visible:not-sr-only focus-visible:absolute focus-visible:top-2 focus-visible:left-2 focus-visible:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-800 bg-slate-900 text-slate-100">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <a href="/" className="font-semibold tracking-tight text-white no-underline">
            Rampart <span className="font-normal text-slate-400">· {programName}</span>
          </a>
          {user ? (
            <nav aria-label="Main" className="flex flex-wrap gap-1 text-sm">
              {navigation.map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  className={({ isActive }) => `rounded px-2 py-1 text-slate-200 no-underline hover:bg-slate-700 ${isActive ? "bg-slate-700 text-white" : ""}`}
                >
                  {item.label}
                  {item.count ? (
                    <span
                      className="ml-1.5 rounded-full bg-amber-300 px-1.5 text-xs font-semibold text-slate-900"
                      data-testid={`nav-count-${item.to.slice(1)}`}
                    >
                      <span className="sr-only">: </span>
                      {item.count}
                      <span className="sr-only"> waiting</span>
                    </span>
                  ) : null}
                </NavLink>
              ))}
            </nav>
          ) : null}
          {user ? (
            <div className="no-print ml-auto flex items-center gap-3 text-sm">
              <a href="/account" className="text-slate-200">
                {user.name} <span className="text-slate-400">({user.role.replace("_", " ")})</span>
              </a>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded border border-slate-600 px-2 py-1 text-slate-200 hover:bg-slate-700">
                  Sign out
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
