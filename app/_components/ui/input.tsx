import { cn } from "./cn";

export function Input({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn(
        "block w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-xs placeholder:text-muted aria-invalid:border-danger",
        className,
      )}
      {...props}
    />
  );
}

export function Select({ className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={cn("block rounded-md border border-line bg-white px-3 py-2 text-sm", className)} {...props} />
  );
}
