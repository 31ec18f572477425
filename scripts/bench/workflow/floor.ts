// The stack's floor for the same users and client as the case traffic: each user with one request in
// flight, for a few seconds, on the lightest routes — `GET /api/health` (no session) and
// `GET /api/auth/me` (the session checked, a small JSON answer). Case actions are measured against it,
// in the same run: no action can be quicker than a request that does nothing.
import { call } from '../serve/rawHttp';
import { type Latency, summarise } from './latency';
import type { StaffUser } from './staff';

export interface Floor {
  path: string;
  perS: number;
  latency: Latency;
  failures: number;
}

export async function floorOf(origin: string, staff: StaffUser[], path: string, durationS: number): Promise<Floor> {
  const samples: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  await Promise.all(
    staff.map(async (u) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const a = await call(origin, u.agent, 'GET', path, { cookie: u.cookie, 'accept-encoding': 'identity' });
        if (a.status === 200) samples.push(performance.now() - t);
        else failures++;
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  return { path, perS: Math.round((samples.length / elapsedS) * 10) / 10, latency: summarise(samples), failures };
}
