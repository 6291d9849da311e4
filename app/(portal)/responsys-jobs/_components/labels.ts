export const kindLabels = {
  export_audience: "Export audience",
  export_to_campaign: "Export to campaign",
  import_activity: "Import activity",
} as const;
export type JobKind = keyof typeof kindLabels;

export const statusTones = { active: "success", paused: "neutral", failed: "danger", deleted: "neutral" } as const;
export const statusLabels = { active: "Active", paused: "Paused", failed: "Failed", deleted: "Deleted" } as const;

/** Contact fields as people read them; attributes.<key> shows the key. */
export function fieldLabel(field: string): string {
  const labels: Record<string, string> = {
    email: "Email",
    mobileNumber: "Mobile number",
    firstName: "First name",
    lastName: "Last name",
    city: "City",
    state: "State or region",
    postalCode: "Postal code",
    country: "Country",
    mobileCountry: "Mobile country",
    timeZone: "Time zone",
  };
  return labels[field] ?? (field.startsWith("attributes.") ? `Attribute: ${field.slice("attributes.".length)}` : field);
}
