"use client";

import { useHydrated } from "../use-hydrated";
import { buttonClasses, type ButtonVariant } from "./button-classes";
import { cn } from "./cn";

type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant };

/**
 * A plain button (type "button") does something only through React, so it stays disabled until
 * hydration: a click before it would be lost without a sign. Submit buttons are left to their
 * forms, some of which work without JavaScript.
 */
export function Button({ variant = "primary", className, type = "button", disabled, ...props }: ButtonProps) {
  const hydrated = useHydrated();
  return (
    <button
      type={type}
      className={cn(buttonClasses(variant), className)}
      disabled={disabled || (type === "button" && !hydrated)}
      {...props}
    />
  );
}
