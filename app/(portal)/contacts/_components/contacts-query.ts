import { listContactsInput, type ConsentFilter } from "@/server/domains/contact/schema";

// Shared by the server prefetch and the client query, which must ask for the same thing.
export const contactsPageSize = 50;
export const contactsPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };

export type ContactsView = {
  search: string;
  sort: "created" | "name" | "modified";
  order: "asc" | "desc";
  consent?: ConsentFilter;
};

/**
 * The list's search, sort and consent filter from the address bar (?q=&sort=&dir=, and
 * ?channel=whatsapp&consent=opt_in from the dashboard's links), so a reload or Back keeps them.
 */
export function viewFromParams(params: Record<string, string | string[] | undefined>): ContactsView {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = listContactsInput.safeParse({ search: one(params.q), sort: one(params.sort), order: one(params.dir) });
  const view: ContactsView = parsed.success
    ? { search: parsed.data.search, sort: parsed.data.sort, order: parsed.data.order }
    : { search: "", sort: "created", order: "desc" };
  const consent = listContactsInput.shape.consent.safeParse({
    channel: one(params.channel),
    state: one(params.consent),
  });
  return consent.success && consent.data ? { ...view, consent: consent.data } : view;
}

export function paramsFromView(view: ContactsView): string {
  const params = new URLSearchParams();
  if (view.search) params.set("q", view.search);
  if (view.sort !== "created") params.set("sort", view.sort);
  if (view.order !== "desc") params.set("dir", view.order);
  if (view.consent) {
    params.set("channel", view.consent.channel);
    params.set("consent", view.consent.state);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const listInput = (view: ContactsView) => ({ ...view, limit: contactsPageSize });
