import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-semibold">You don’t have access to this page</h1>
        <p className="mt-2 text-sm text-muted">
          This area is for workspace admins. Ask an admin if you need something changed here.
        </p>
        <Link href="/dashboard" className="mt-6 inline-block text-sm font-medium text-brand-600 underline">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
