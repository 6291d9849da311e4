import { cn } from "./cn";

const tones = {
  neutral: "bg-line/60 text-ink",
  brand: "bg-brand-100 text-brand-700",
  success: "bg-success/15 text-success",
  danger: "bg-danger/15 text-danger",
};

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof tones; children: React.ReactNode }) {
  return (
    <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", tones[tone])}>{children}</span>
  );
}
