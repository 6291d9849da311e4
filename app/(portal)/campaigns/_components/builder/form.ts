import { useFormContext, type ControllerRenderProps, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { campaignDraft } from "@/server/domains/campaign/schema";

export type Values = z.input<typeof campaignDraft>;
export type Output = z.output<typeof campaignDraft>;
export type Mapping = Values["placeholderMappings"][number];
type BuilderForm = UseFormReturn<Values, unknown, Output>;

/** The builder's form, provided by CampaignBuilder to each of its sections. */
export const useBuilderForm = () => useFormContext<Values, unknown, Output>();

type Choice = "integrationId" | "senderId" | "templateId" | "segmentId" | "optInField" | "statusField";

/** Select props for a choice whose empty option means null in the draft; choosing clears its error. */
export const nullable = (form: BuilderForm, { value, onChange, ...field }: ControllerRenderProps<Values, Choice>) => ({
  ...field,
  value: value ?? "",
  onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
    onChange(e.target.value || null);
    form.clearErrors(field.name);
  },
});

/** The element a launch issue (or a server error) about `field` is fixed in. */
export const elementFor = (field: string, mappings: number) =>
  field === "placeholderMappings"
    ? mappings > 0
      ? "campaign-mapping-0"
      : "campaign-templateId"
    : field === "schedule"
      ? "campaign-schedule-frequency"
      : `campaign-${field}`;

export function focusField(id: string) {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: "center" });
  el?.focus();
}
