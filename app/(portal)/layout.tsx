import { LogOut } from "lucide-react";
import { TRPCReactProvider } from "@/app/_trpc/provider";
import { getSessionUser } from "@/server/auth/config";
import { logout } from "./_components/actions";
import { Sidebar } from "./_components/sidebar";

// Chrome only: each page decides who may see it.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return (
    <TRPCReactProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen">
        <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col bg-slate-900 lg:w-60">
          <div className="px-6 py-5 text-lg font-semibold tracking-tight text-white">Switchboard</div>
          <Sidebar isAdmin={user?.role === "admin"} />
          {user ? (
            <div className="mt-auto border-t border-white/10 p-4 text-sm text-slate-300">
              <p className="truncate font-medium text-white">{user.name}</p>
              <p className="truncate text-xs">
                {user.email} · <span className="capitalize">{user.role}</span>
              </p>
              <form action={logout} className="mt-3">
                <button
                  type="submit"
                  className="flex items-center gap-2 rounded-md px-2 py-1 text-slate-300 hover:bg-white/10 hover:text-white"
                >
                  <LogOut aria-hidden className="size-4" /> Sign out
                </button>
              </form>
            </div>
          ) : null}
        </aside>
        <main id="main" className="min-w-0 flex-1 px-6 py-8 lg:px-10">
          {children}
        </main>
      </div>
    </TRPCReactProvider>
  );
}
