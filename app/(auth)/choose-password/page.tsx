import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TRPCReactProvider } from "@/app/_trpc/provider";
import { getSessionUser } from "@/server/auth/config";
import { ChoosePasswordForm } from "./choose-password-form";

export const metadata: Metadata = { title: "Choose your password" };

// Where every page sends a user still on an invite's one-time password (requirePageRole).
export default async function ChoosePasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (!user.mustChangePassword) redirect("/dashboard");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-line bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">Switchboard</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Choose your password</h1>
        <p className="mt-2 mb-6 text-sm text-muted">
          Welcome, {user.name}. You signed in with a one-time password; choose your own to continue.
        </p>
        <TRPCReactProvider>
          <ChoosePasswordForm />
        </TRPCReactProvider>
      </div>
    </main>
  );
}
