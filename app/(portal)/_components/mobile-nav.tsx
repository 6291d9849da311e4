"use client";

import { Menu } from "lucide-react";
import { useState } from "react";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/app/_components/ui/sheet";

/** Below the md breakpoint the sidebar is a sheet behind a menu button; `children` is its content. */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger className="rounded-md p-2 text-slate-200 hover:bg-white/10 hover:text-white" aria-label="Open menu">
        <Menu aria-hidden className="size-5" />
      </SheetTrigger>
      <SheetContent
        className="bg-slate-900"
        // Following a link leaves the page the menu was opened on, so the menu closes with it.
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
      >
        <SheetTitle className="px-6 py-5 text-lg font-semibold tracking-tight text-white">Switchboard</SheetTitle>
        {children}
      </SheetContent>
    </Sheet>
  );
}
