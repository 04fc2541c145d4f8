import { useEffect, useRef } from 'react';

/**
 * What a keyboard-driven, endlessly scrolling list needs: refs to its rows so the focused one is
 * kept in view, and a sentinel after the last row that asks for more as it nears the viewport.
 */
export function useScrollingList(focusedId: number | undefined, rows: number, hasMore: boolean, onLoadMore: () => void) {
  const rowRefs = useRef(new Map<number, HTMLDivElement>());
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusedId !== undefined) rowRefs.current.get(focusedId)?.scrollIntoView({ block: 'nearest' });
  }, [focusedId]);

  // The observer outlives renders; it must call the latest callback, not the one it was made with.
  const loadMore = useRef(onLoadMore);
  useEffect(() => {
    loadMore.current = onLoadMore;
  });
  useEffect(() => {
    const element = sentinel.current;
    if (element === null || !hasMore || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore.current();
    }, { rootMargin: '400px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, rows]);

  /** A ref callback that registers the row with the given id. */
  function rowRef(id: number) {
    return (element: HTMLDivElement | null) => {
      if (element === null) rowRefs.current.delete(id);
      else rowRefs.current.set(id, element);
    };
  }

  return { rowRef, sentinel };
}
