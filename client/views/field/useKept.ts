// A resource that keeps showing its last data while it reloads: a change (the worker's own, or one the
// live stream announces) must not blank the list or close the open case.
import { useRef } from 'react';
import type { Resource } from '../../ui/useResource';

export function useKept<T>(r: Resource<T>): { status: Resource<T>['status']; data?: T; error?: Error } {
  const last = useRef<T | undefined>(undefined);
  if (r.status === 'ready') last.current = r.data;
  return { status: r.status, data: r.data ?? last.current, error: r.error };
}
