import type { RenderedPart } from "@/server/domains/template/render";

/** A WhatsApp template body as a chat bubble, each placeholder highlighted: its value, or "missing" in red. */
export function TemplateBody({ parts }: { parts: RenderedPart[] }) {
  return (
    <p className="rounded-lg bg-[#e7f8e3] p-4 text-sm whitespace-pre-wrap shadow-xs">
      {parts.map((p, i) =>
        p.kind === "text" ? (
          <span key={i}>{p.text}</span>
        ) : (
          <mark
            key={i}
            title={`Placeholder {{${p.key}}}`}
            className={
              p.kind === "missing"
                ? "rounded bg-danger/15 px-0.5 text-danger"
                : "rounded bg-brand-100 px-0.5 text-brand-700"
            }
          >
            {p.text}
          </mark>
        ),
      )}
    </p>
  );
}
