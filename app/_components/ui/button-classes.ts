import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const variants = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-500/60",
  secondary: "border border-line bg-white text-ink hover:bg-surface",
  danger: "bg-danger text-white hover:opacity-90",
  ghost: "text-ink hover:bg-brand-50",
};

/**
 * A button's look, for elements that act as one (a dialog's action, a link), on the server too.
 * Colours change at once: a fade would show a button enabled on hydration in its pale disabled
 * colour for a moment.
 */
export function buttonClasses(variant: ButtonVariant = "primary") {
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium disabled:cursor-not-allowed",
    variants[variant],
  );
}
