import { cn } from "./cn";

// A text box's look, single-line or not.
const textBox =
  "block w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-xs placeholder:text-muted aria-invalid:border-danger";

export function Input({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(textBox, className)} {...props} />;
}

export function Select({ className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn("block max-w-full rounded-md border border-line bg-white px-3 py-2 text-sm", className)}
      {...props}
    />
  );
}

export function Textarea({ className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(textBox, className)} {...props} />;
}
