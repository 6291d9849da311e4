import { LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { TRPCReactProvider } from "@/app/_trpc/provider";
import { getSessionUser } from "@/server/auth/config";
import { logout } from "./_components/actions";
import { MobileNav } from "./_components/mobile-nav";
import { Sidebar } from "./_components/sidebar";

// Chrome only: each page decides who may see it.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  // The sidebar's content: beside the page from the md breakpoint, in the menu sheet below it.
  const chrome = (
    <>
      <Sidebar isAdmin={user?.role === "admin"} />
      {user ? (
        <div className="mt-auto border-t border-white/10 p-4 text-sm text-slate-300">
          <p className="truncate font-medium text-white">{user.name}</p>
          <p className="truncate text-xs">
            {user.email} · <span className="capitalize">{user.role}</span>
          </p>
          <Link
            href="/account"
            className="mt-3 flex items-center gap-2 rounded-md px-2 py-1 text-slate-300 hover:bg-white/10 hover:text-white"
          >
            <UserRound aria-hidden className="size-4" /> Your account
          </Link>
          <form action={logout}>
            <button
              type="submit"
              className="flex items-center gap-2 rounded-md px-2 py-1 text-slate-300 hover:bg-white/10 hover:text-white"
            >
              <LogOut aria-hidden className="size-4" /> Sign out
            </button>
          </form>
        </div>
      ) : null}
    </>
  );
  return (
    <TRPCReactProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen flex-col md:flex-row">
        <header className="sticky top-0 z-40 flex items-center justify-between bg-slate-900 px-4 py-2 md:hidden">
          <span className="text-lg font-semibold tracking-tight text-white">Switchboard</span>
          <MobileNav>{chrome}</MobileNav>
        </header>
        <aside className="sticky top-0 hidden h-screen w-56 shrink-0 flex-col bg-slate-900 md:flex lg:w-60">
          <div className="px-6 py-5 text-lg font-semibold tracking-tight text-white">Switchboard</div>
          {chrome}
        </aside>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-6 md:py-8 lg:px-10">
          {children}
        </main>
      </div>
    </TRPCReactProvider>
  );
}
