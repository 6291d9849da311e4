import type { Metadata } from "next";

/**
 * A detail page's document title: the name of its object (a campaign's name, an integration's
 * label), so tabs and history tell pages apart. When the object cannot be loaded (gone, another
 * workspace, no session) the title stays generic and the page itself says why.
 */
export async function titleFrom(generic: string, name: () => Promise<string | null | undefined>): Promise<Metadata> {
  const found = await name().catch(() => null);
  return { title: found || generic };
}
