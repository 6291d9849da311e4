import type { LucideIcon } from "lucide-react";

/** Says honestly what a screen will hold and what to do until then. */
export function EmptyState({
  icon: Icon,
  title,
  children,
}: {
  icon: LucideIcon;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section className="rounded-lg border border-dashed border-line bg-white p-10 text-center">
      <Icon aria-hidden className="mx-auto size-10 text-brand-500" />
      <h2 className="mt-4 text-lg font-semibold">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl space-y-2 text-sm text-muted">{children}</div>
    </section>
  );
}
