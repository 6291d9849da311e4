import { cn } from "./cn";

// A form section drawn as a card, its legend as the card's heading. A browser draws a legend on
// the fieldset's border; floated, it sits inside the box instead, but then content flows beside
// it (a flex label ends up right of the legend, outside the card). So the content goes in a box
// that clears the float, and `className` lays out that box (grid columns, spacing).

/** A card of related fields headed by `legend`; `className` lays out its fields. */
export function Fieldset({
  legend,
  className,
  children,
  ...props
}: Omit<React.ComponentProps<"fieldset">, "className"> & { legend: React.ReactNode; className?: string }) {
  return (
    <fieldset className="min-w-0 rounded-lg border border-line bg-white p-5" {...props}>
      <legend className="float-left mb-3 w-full text-base font-semibold">{legend}</legend>
      <div className={cn("clear-both", className)}>{children}</div>
    </fieldset>
  );
}
