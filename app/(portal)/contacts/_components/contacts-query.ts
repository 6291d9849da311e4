import { listContactsInput } from "@/server/domains/contact/schema";

// Shared by the server prefetch and the client query, which must ask for the same thing.
export const contactsPageSize = 50;
export const contactsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };

export type ContactsView = { search: string; sort: "created" | "name" | "modified"; order: "asc" | "desc" };

/** The list's search and sort from the address bar (?q=&sort=&dir=), so a reload or Back keeps them. */
export function viewFromParams(params: Record<string, string | string[] | undefined>): ContactsView {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = listContactsInput.safeParse({ search: one(params.q), sort: one(params.sort), order: one(params.dir) });
  if (parsed.success) return { search: parsed.data.search, sort: parsed.data.sort, order: parsed.data.order };
  return { search: "", sort: "created", order: "desc" };
}

export function paramsFromView(view: ContactsView): string {
  const params = new URLSearchParams();
  if (view.search) params.set("q", view.search);
  if (view.sort !== "created") params.set("sort", view.sort);
  if (view.order !== "desc") params.set("dir", view.order);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const listInput = (view: ContactsView) => ({ ...view, limit: contactsPageSize });
