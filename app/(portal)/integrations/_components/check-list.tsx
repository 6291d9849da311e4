import { Check, X } from "lucide-react";

export function CheckList({ checks }: { checks: { name: string; ok: boolean; message: string }[] }) {
  return (
    <ul aria-label="Connection checks" className="mt-3 space-y-2">
      {checks.map((c) => (
        <li key={c.name} className="flex items-start gap-2 text-sm">
          {c.ok ? (
            <Check aria-label="passed" className="mt-0.5 size-4 shrink-0 text-success" />
          ) : (
            <X aria-label="failed" className="mt-0.5 size-4 shrink-0 text-danger" />
          )}
          <span>
            <span className="font-medium">{c.name}</span>
            {c.message ? <span className="text-muted"> — {c.message}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
