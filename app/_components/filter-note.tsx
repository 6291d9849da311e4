import { X } from "lucide-react";
import Link from "next/link";

/** Says which filter (from the address, e.g. a dashboard card's link) narrows a list, and links back to all of it. */
export function FilterNote({ label, clearHref }: { label: string; clearHref: string }) {
  return (
    <p
      role="status"
      className="mb-4 flex w-fit items-center gap-3 rounded-md border border-brand-500/30 bg-brand-500/5 px-3 py-1.5 text-sm"
    >
      <span>
        Showing <strong className="font-medium">{label}</strong>
      </span>
      <Link href={clearHref} className="inline-flex items-center gap-1 font-medium text-brand-600 hover:underline">
        <X aria-hidden className="size-3.5" /> Show all
      </Link>
    </p>
  );
}
