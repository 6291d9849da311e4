import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/config";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getSessionUser()) redirect("/dashboard");
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-line bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">Switchboard</p>
        <h1 className="mt-1 mb-6 text-2xl font-semibold tracking-tight">Sign in to your workspace</h1>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
