"use client";

import { Fieldset } from "@/app/_components/ui/fieldset";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import type { CampaignOptions } from "@/server/domains/campaign/get-campaign-options";
import { placeholdersOf } from "@/server/domains/template/render";
import type { CampaignData } from "../campaign-builder";
import { contactFieldLabels, contactFields, fieldLabel } from "../labels";
import { TemplatePreview } from "../template-preview";
import { useBuilderForm, type Mapping } from "./form";

const FIXED = "__fixed";
const blankMapping: Mapping = { kind: "field", field: "" };

const mappingLabel = (m: Mapping | undefined) =>
  !m ? "" : m.kind === "fixed" ? m.value : m.field ? fieldLabel(m.field) : "";

/** A dialer campaign's template comes from each line of the uploaded list. */
export function DialerTemplateNote() {
  return (
    <Fieldset legend="Template" className="space-y-4">
      <p className="text-sm text-muted">
        Each line of a dialer list names its template and values:{" "}
        <span className="font-mono">number,hsm:hsm_code:data1:data2</span>. Upload lists on the campaign page once it is
        launched.
      </p>
    </Fieldset>
  );
}

/** The WhatsApp template, its preview, and one dropdown per placeholder. */
export function TemplateSection({
  data,
  opts,
  template,
  placeholders,
}: {
  data: CampaignData;
  opts: CampaignOptions;
  template: { name: string; body: string } | null;
  placeholders: string[];
}) {
  const form = useBuilderForm();
  const { errors } = form.formState;
  const values = form.watch();
  const templates = opts.templates.filter((t) => t.integrationId === values.integrationId);
  const attributeKeys = opts.attributeKeys;
  const previewValues = placeholders.map((_, i) => mappingLabel(values.placeholderMappings[i]));

  const setTemplate = (templateId: string | null) => {
    const chosen = opts.templates.find((t) => t.id === templateId);
    const count = chosen ? placeholdersOf(chosen.body).length : 0;
    const current = form.getValues("placeholderMappings");
    form.setValue("templateId", templateId, { shouldDirty: true });
    // One row per placeholder: existing choices are kept in order, new rows start unchosen.
    form.setValue(
      "placeholderMappings",
      Array.from({ length: count }, (_, i) => current[i] ?? blankMapping),
      { shouldDirty: true },
    );
    form.clearErrors(["templateId", "placeholderMappings"]);
  };
  const setMapping = (index: number, mapping: Mapping) => {
    const current = form.getValues("placeholderMappings");
    const next = Array.from({ length: Math.max(placeholders.length, current.length) }, (_, i) =>
      i === index ? mapping : (current[i] ?? blankMapping),
    );
    form.setValue("placeholderMappings", next, { shouldDirty: true });
    form.clearErrors("placeholderMappings");
  };

  return (
    <Fieldset legend="Template" className="space-y-4">
      <FormField
        control={form.control}
        name="templateId"
        render={({ field }) => (
          <FormItem id="campaign-templateId">
            <FormLabel>Template</FormLabel>
            <FormControl>
              <Select
                className="w-full"
                {...field}
                value={field.value ?? ""}
                onChange={(e) => setTemplate(e.target.value || null)}
              >
                <option value="">{values.integrationId ? "Choose a template…" : "Choose the integration first"}</option>
                {values.templateId &&
                !templates.some((t) => t.id === values.templateId) &&
                data.template?.id === values.templateId ? (
                  <option value={data.template.id}>{data.template.name} (not available)</option>
                ) : null}
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.language})
                  </option>
                ))}
              </Select>
            </FormControl>
            <FormDescription>Approved templates of the chosen integration.</FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      {template ? (
        <div className="space-y-4">
          <div className="space-y-1.5">
            <p className="text-sm font-medium">
              Template selected: <span className="font-mono">{template.name}</span>
            </p>
            <TemplatePreview body={template.body} values={previewValues} label={`Preview of ${template.name}`} />
            <p className="text-xs text-muted">
              Highlighted: what each placeholder is filled with. A red one is not mapped yet.
            </p>
          </div>
          {placeholders.length === 0 ? (
            <p className="text-sm text-muted">This template has no placeholders: it is sent as it is.</p>
          ) : (
            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold">Input parameters</legend>
              {placeholders.map((key, i) => {
                const mapping = values.placeholderMappings[i];
                // A row's error sits on "field" or "value" depending on the mapping's kind.
                const rowError = errors.placeholderMappings?.[i] as
                  { field?: { message?: string }; value?: { message?: string } } | undefined;
                // The row's one message describes its select and, for a fixed value, the text box too.
                return (
                  <FormItem
                    key={key}
                    id={`campaign-mapping-${i}`}
                    error={rowError?.field?.message ?? rowError?.value?.message}
                    className="grid gap-2 space-y-0 sm:grid-cols-[7rem_1fr_1fr] sm:items-start"
                  >
                    <span aria-hidden className="pt-2 font-mono text-sm">
                      {`{{${key}}}`}
                    </span>
                    <FormControl>
                      <Select
                        className="w-full"
                        aria-label={`Placeholder {{${key}}}`}
                        value={mapping?.kind === "fixed" ? FIXED : (mapping?.field ?? "")}
                        onChange={(e) =>
                          setMapping(
                            i,
                            e.target.value === FIXED
                              ? { kind: "fixed", value: mapping?.kind === "fixed" ? mapping.value : "" }
                              : { kind: "field", field: e.target.value },
                          )
                        }
                      >
                        <option value="">Choose a field…</option>
                        <optgroup label="Contact fields">
                          {contactFields.map((f) => (
                            <option key={f} value={f}>
                              {contactFieldLabels[f]}
                            </option>
                          ))}
                        </optgroup>
                        {attributeKeys.length > 0 ||
                        (mapping?.kind === "field" && mapping.field.startsWith("attr:")) ? (
                          <optgroup label="Custom attributes">
                            {mapping?.kind === "field" &&
                            mapping.field.startsWith("attr:") &&
                            !attributeKeys.includes(mapping.field.slice(5)) ? (
                              <option value={mapping.field}>{mapping.field.slice(5)}</option>
                            ) : null}
                            {attributeKeys.map((k) => (
                              <option key={k} value={`attr:${k}`}>
                                {k}
                              </option>
                            ))}
                          </optgroup>
                        ) : null}
                        <option value={FIXED}>Fixed value…</option>
                      </Select>
                    </FormControl>
                    {mapping?.kind === "fixed" ? (
                      <FormControl>
                        <Input
                          id={`campaign-mapping-${i}-value`}
                          aria-label={`Fixed value for {{${key}}}`}
                          value={mapping.value}
                          onChange={(e) => setMapping(i, { kind: "fixed", value: e.target.value })}
                          placeholder="The same text for everyone"
                        />
                      </FormControl>
                    ) : (
                      <span />
                    )}
                    <FormMessage className="sm:col-start-2 sm:col-end-4" />
                  </FormItem>
                );
              })}
            </fieldset>
          )}
        </div>
      ) : null}
      <FormMessage>{errors.placeholderMappings?.message ?? errors.placeholderMappings?.root?.message}</FormMessage>
    </Fieldset>
  );
}
