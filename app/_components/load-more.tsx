import { Button } from "./ui/button";

export type Pages = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

/** The footer of a keyset-paged list: "Load more" (or the label given) while there is a next page. */
export function LoadMore({ pages, label = "Load more" }: { pages: Pages; label?: string }) {
  if (!pages.hasNextPage) return null;
  return (
    <div className="border-t border-line p-4 text-center">
      <Button variant="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
        {pages.isFetchingNextPage ? "Loading…" : label}
      </Button>
    </div>
  );
}
