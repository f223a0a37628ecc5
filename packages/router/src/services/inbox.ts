/** An unbounded in-memory queue consumed as an async iterable, ended by an AbortSignal. */
export function createInbox<T>() {
  const items: T[] = [];
  let wake: (() => void) | null = null;
  return {
    push(item: T) {
      items.push(item);
      wake?.();
    },
    async *drain(signal: AbortSignal | undefined): AsyncGenerator<T> {
      const onAbort = () => wake?.();
      signal?.addEventListener('abort', onAbort);
      try {
        while (!signal?.aborted) {
          const next = items.shift();
          if (next !== undefined) {
            yield next;
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
