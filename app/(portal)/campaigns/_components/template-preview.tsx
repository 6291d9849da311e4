import { useId } from "react";
import { renderParts } from "@/server/domains/template/render";

/**
 * A template body with each placeholder highlighted: filled with what it is mapped to, or marked
 * missing in red. The same look as the template page's preview (templates/_components).
 */
export function TemplatePreview({ body, values, label }: { body: string; values: readonly string[]; label: string }) {
  const parts = renderParts(body, values);
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId}>
      <figcaption id={captionId} className="sr-only">
        {label}
      </figcaption>
      <p className="rounded-lg bg-[#e7f8e3] p-4 text-sm whitespace-pre-wrap shadow-xs">
      {parts.map((p, i) =>
        p.kind === "text" ? (
          <span key={i}>{p.text}</span>
        ) : (
          <mark key={i} title={`Placeholder {{${p.key}}}`} className={p.kind === "missing" ? "rounded bg-danger/15 px-0.5 text-danger" : "rounded bg-brand-100 px-0.5 text-brand-700"}>
            {p.text}
          </mark>
        ),
      )}
      </p>
    </figure>
  );
}
