// The records of one queue (or several, merged), reloaded when `tick` changes (after a step).
import type { CreditQuery, CreditRecord } from '../../api/creditApi';
import type { TwinApi } from '../../api/twinApi';
import { type Resource, useResource } from '../../ui/useResource';
import { uniqueById } from './credit.model';

export function useRecords(api: TwinApi, queries: readonly CreditQuery[], tick: number): Resource<CreditRecord[]> {
  const key = JSON.stringify(queries);
  return useResource(
    async (signal) => {
      const pages = await Promise.all(queries.map((q) => api.credit.records({ limit: '200', ...q }, signal)));
      return uniqueById(pages.flatMap((p) => p.items));
    },
    [api, key, tick],
    { keep: true },
  );
}
