import { useId } from "react";
import { TemplateBody } from "@/app/_components/template-body";
import { renderParts } from "@/server/domains/template/render";

/**
 * A template body with each placeholder highlighted: filled with what it is mapped to, or marked
 * missing in red, as on the template page.
 */
export function TemplatePreview({ body, values, label }: { body: string; values: readonly string[]; label: string }) {
  const parts = renderParts(body, values);
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId}>
      <figcaption id={captionId} className="sr-only">
        {label}
      </figcaption>
      <TemplateBody parts={parts} />
    </figure>
  );
}
