import { type DependencyList, useEffect, useState } from 'react';

export type Resource<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: Error };

const LOADING = { status: 'loading' } as const;

const sameDeps = (a: DependencyList, b: DependencyList) =>
  a.length === b.length && a.every((d, i) => Object.is(d, b[i]));

/**
 * Loads data for a page: re-runs when `deps` change, aborts the previous load, never sets state late.
 * With `keep`, what was loaded stays shown while a refresh loads (a big screen's map must not blink).
 * Without it, data loaded for other `deps` is never returned: the render in which `deps` change comes
 * before the effect that starts the new load, and would otherwise pair the new `deps` (a month, a unit)
 * with the old data.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  { keep = false }: { keep?: boolean } = {},
): Resource<T> {
  const [state, setState] = useState<{ deps: DependencyList; resource: Resource<T> }>({ deps, resource: LOADING });
  useEffect(() => {
    const abort = new AbortController();
    const settle = (resource: Resource<T>) => abort.signal.aborted || setState({ deps, resource });
    setState((s) => (keep && s.resource.status === 'ready' ? s : { deps, resource: LOADING }));
    load(abort.signal).then(
      (data) => settle({ status: 'ready', data }),
      (error: unknown) => settle({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => abort.abort();
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` stand for `load` (a new closure each render), as with useMemo
  }, deps);
  return keep || sameDeps(state.deps, deps) ? state.resource : LOADING;
}
