import { listTemplatesInput, type TemplateCategory, type TemplateStatus } from "@/server/domains/template/schema";

// Shared by the server prefetch and the client query, which must ask for the same thing.
export const templatesPageSize = 50;
export const templatesPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };

export type TemplatesView = {
  integrationId: string;
  status: TemplateStatus | "";
  language: string;
  category: TemplateCategory | "";
  search: string;
};
export const emptyView: TemplatesView = { integrationId: "", status: "", language: "", category: "", search: "" };

// Address-bar names for each filter (?integration=&status=&lang=&category=&q=).
const keys: Record<keyof TemplatesView, string> = {
  integrationId: "integration",
  status: "status",
  language: "lang",
  category: "category",
  search: "q",
};

/** The filters from the address bar, so a reload, a shared link or Back keeps them; bad values are dropped. */
export function viewFromParams(params: Record<string, string | string[] | undefined>): TemplatesView {
  const view = { ...emptyView };
  for (const field of Object.keys(keys) as (keyof TemplatesView)[]) {
    const raw = params[keys[field]];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value) continue;
    const parsed = listTemplatesInput.shape[field].safeParse(value);
    if (parsed.success && typeof parsed.data === "string") (view as Record<string, string>)[field] = parsed.data;
  }
  return view;
}

export function paramsFromView(view: TemplatesView): string {
  const params = new URLSearchParams();
  for (const field of Object.keys(keys) as (keyof TemplatesView)[])
    if (view[field]) params.set(keys[field], view[field]);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const listInput = (view: TemplatesView) => ({ ...view, limit: templatesPageSize });
