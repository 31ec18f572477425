import { type DependencyList, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: Error };

/**
 * Loads data for a page: re-runs when `deps` change, aborts the previous load, never sets state late.
 * With `keep`, what was loaded stays shown while a refresh loads (a big screen's map must not blink).
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  { keep = false }: { keep?: boolean } = {},
): Resource<T> {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setResource((r) => (keep && r.status === 'ready' ? r : { status: 'loading' }));
    load(abort.signal).then(
      (data) => abort.signal.aborted || setResource({ status: 'ready', data }),
      (error: unknown) =>
        abort.signal.aborted ||
        setResource({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => abort.abort();
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` stand for `load` (a new closure each render), as with useMemo
  }, deps);
  return resource;
}
