import type { Metadata } from "next";
import { headers } from "next/headers";
import { Toaster } from "sonner";
import { LocaleProvider } from "@/app/_components/format";
import { pickLocale } from "@/app/_components/locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  description: "Connect WhatsApp and SMS vendors and CRMs, manage audiences and run campaigns.",
};

// Dates and numbers are shown in the reader's language, read from the request, so the server
// render says what the browser will. Reading headers renders every page per request: the pages
// read the session anyway; only the redirect at /, /forbidden and the not-found page were static.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = pickLocale((await headers()).get("accept-language"));
  return (
    <html lang={locale}>
      <body className="min-h-screen antialiased">
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
        <Toaster richColors position="top-right" />
      </body>
    </html>
  );
}
