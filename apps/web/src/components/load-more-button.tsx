/** The "load more" button under a paginated list; hidden once the last page is in. */
export function LoadMoreButton({
  pages,
  label,
}: {
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  label: string;
}) {
  if (!pages.hasNextPage) return null;
  return (
    <div className="actions">
      <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
        {label}
      </button>
    </div>
  );
}
