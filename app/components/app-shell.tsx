import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "#db/schema/enums";
import { roleHasPermission } from "~/auth/permissions";
import type { NavItem } from "./navigation";

type Props = {
  user: { name: string; email: string; role: string } | null;
  programName: string;
  navigation: NavItem[];
  unreadNotifications?: number;
  children: ReactNode;
};

export function AppShell({ user, programName, navigation, unreadNotifications = 0, children }: Props) {
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
          {user && roleHasPermission(user.role as Role, "read:program") ? (
            // A plain GET form: search works without JavaScript.
            <form method="get" action="/search" role="search" className="no-print flex items-center gap-1 text-sm">
              <label htmlFor="global-search" className="sr-only">
                Search workstreams, milestones, risks, engagements and obligations
              </label>
              <input
                id="global-search"
                type="search"
                name="q"
                required
                minLength={2}
                maxLength={100}
                placeholder="Search"
                className="w-40 rounded border border-slate-600 bg-slate-800 px-2 py-1 text-slate-100 placeholder:text-slate-400"
              />
              <button type="submit" className="rounded border border-slate-600 px-2 py-1 text-slate-200 hover:bg-slate-700">
                Go
              </button>
            </form>
          ) : null}
          {user ? (
            <div className="no-print ml-auto flex items-center gap-3 text-sm">
              <NavLink to="/notifications" className="rounded px-2 py-1 text-slate-200 no-underline hover:bg-slate-700">
                Notifications
                {unreadNotifications > 0 ? (
                  <span data-testid="unread-count" className="ml-1 rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">
                    {unreadNotifications}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </NavLink>
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
