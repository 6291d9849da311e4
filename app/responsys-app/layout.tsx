import type { Metadata } from "next";
import { TRPCReactProvider } from "@/app/_trpc/provider";

// The CX app's configuration pages: shown by Responsys in a frame (framing is allowed for
// these paths only, see proxy.ts), outside the portal's chrome and login. Each page is
// authorised by the signed session in its URL.
export const metadata: Metadata = { robots: { index: false } };

export default function ResponsysAppLayout({ children }: { children: React.ReactNode }) {
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-2xl p-6">
        <p className="text-sm font-semibold tracking-wide text-brand-600 uppercase">
          Switchboard · WhatsApp for Oracle Responsys
        </p>
        {children}
      </main>
    </TRPCReactProvider>
  );
}
