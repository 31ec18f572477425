// The staff accounts a dataset implies (工作人员账号): one per urban grid worker (网格员), village committee
// (村委会), community (社区), subdistrict (街道), town (镇), department (职能部门) and centre seat (指挥中心坐席),
// and the city leaders who supervise cases (市领导督办).
// Pure: the same units, workers and departments give the same accounts, so the generator can name them
// as the workflow's actors and the server can create them at start. Ids and usernames are derived from
// the data (see STAFF_ID_PREFIX and the username helpers below); display names from the real unit names.
import type { Role } from './access';
import { maskName } from './masking';

/** Every staff account id starts with this, so no id the platform hands out (`U` and a serial) collides. */
export const STAFF_ID_PREFIX = 'S-';

export type StaffKind =
  | 'grid-worker'
  | 'village-committee'
  | 'community'
  | 'subdistrict'
  | 'town'
  | 'department'
  | 'centre-seat'
  | 'leader';

export interface StaffAccount {
  /** `S-` and the username: `S-gw001`, `S-v-340881103200`, `S-d02`, `S-seat01`. */
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  departmentId: string | null;
  kind: StaffKind;
}

/** What the definition reads of a dataset: its admin tree, grid workers and departments. */
export interface StaffSource {
  adminUnits: ReadonlyArray<{ id: string; name: string; level: string; parentId: string | null }>;
  gridWorkers: ReadonlyArray<{ id: string; gridId: string; name: string }>;
  departments: ReadonlyArray<{ id: string; name: string }>;
  /** The centre's seats (FACTS: 16 staff). */
  centreSeats: number;
}

// Usernames: lower case, as USERNAME_PATTERN wants them.
export const gridWorkerUsername = (workerId: string) => workerId.toLowerCase(); // GW001 → gw001
export const villageCommitteeUsername = (villageId: string) => `v-${villageId.toLowerCase()}`;
export const communityUsername = (communityId: string) => `c-${communityId.toLowerCase()}`;
export const subdistrictUsername = (subdistrictId: string) => `s-${subdistrictId.toLowerCase()}`;
export const townUsername = (townId: string) => `t-${townId.toLowerCase()}`;
export const departmentUsername = (departmentId: string) => departmentId.toLowerCase(); // D02 → d02
export const centreSeatUsername = (seat: number) => `seat${String(seat).padStart(2, '0')}`; // 1 → seat01
export const leaderUsername = (n: number) => `leader${String(n).padStart(2, '0')}`; // 1 → leader01

/** The city leaders the generated history names as supervisors (督办), by office; city-wide, no unit. */
export const CITY_LEADERS: readonly string[] = ['市长', '分管城市管理副市长'];

/** A staff account's id from its username. */
export const staffAccountId = (username: string) => `${STAFF_ID_PREFIX}${username}`;

export const isStaffAccountId = (id: string) => id.startsWith(STAFF_ID_PREFIX);

/**
 * Whom a staff account speaks for, read back from its id: the unit (S-s-340881001 → 340881001, a
 * community, village or town alike), the department (S-d02 → D02), or the city leader's office
 * (S-leader01 → 市长); null for a grid worker or a centre seat (named by their own account).
 */
export function staffAccountOf(id: string): { unitId: string } | { departmentId: string } | { office: string } | null {
  const m = /^S-(?:(?:s|c|v|t)-([0-9a-z]+)|(d\d{2})|leader(\d{2}))$/.exec(id);
  if (!m) return null;
  if (m[1]) return { unitId: m[1].toUpperCase() };
  if (m[2]) return { departmentId: m[2].toUpperCase() };
  const office = CITY_LEADERS[Number(m[3]) - 1];
  return office ? { office } : null;
}

/** The village committee's name: the unit's own name when it names the committee (凤凰村委会), else `…村委会`. */
export function villageCommitteeName(villageName: string): string {
  if (/(村委会|村民委员会)$/.test(villageName)) return villageName;
  return villageName.endsWith('村') ? `${villageName}委会` : `${villageName}村委会`;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The staff accounts of a dataset, in a fixed order: grid workers, village committees, communities,
 * subdistricts, towns, departments, centre seats, each by id, then the city leaders. A village committee acts for its
 * village's grids, so it is a `community` account bound to the village (ROLE_UNIT_LEVELS allows it);
 * a town's staff are `subdistrict` accounts bound to the town.
 */
export function staffAccounts(src: StaffSource): StaffAccount[] {
  const units = [...src.adminUnits].sort(byId);
  const level = (l: string) => units.filter((u) => u.level === l);
  const out: StaffAccount[] = [];
  const add = (
    kind: StaffKind,
    username: string,
    displayName: string,
    role: Role,
    scope: { unitId?: string; departmentId?: string },
  ) =>
    out.push({
      id: staffAccountId(username),
      username,
      displayName,
      role,
      unitId: scope.unitId ?? null,
      departmentId: scope.departmentId ?? null,
      kind,
    });

  for (const w of [...src.gridWorkers].sort(byId))
    add('grid-worker', gridWorkerUsername(w.id), w.name, 'gridworker', { unitId: w.gridId });
  for (const v of level('village'))
    add('village-committee', villageCommitteeUsername(v.id), villageCommitteeName(v.name), 'community', {
      unitId: v.id,
    });
  for (const c of level('community'))
    add('community', communityUsername(c.id), `${c.name}工作人员`, 'community', { unitId: c.id });
  for (const s of level('subdistrict'))
    add('subdistrict', subdistrictUsername(s.id), `${s.name}工作人员`, 'subdistrict', { unitId: s.id });
  for (const t of level('town')) add('town', townUsername(t.id), `${t.name}工作人员`, 'subdistrict', { unitId: t.id });
  for (const d of [...src.departments].sort(byId))
    add('department', departmentUsername(d.id), d.name, 'department', { departmentId: d.id });
  for (let seat = 1; seat <= src.centreSeats; seat++) {
    const n = String(seat).padStart(2, '0');
    add('centre-seat', centreSeatUsername(seat), `指挥中心坐席${n}`, 'centre', {});
  }
  for (const [i, office] of CITY_LEADERS.entries()) add('leader', leaderUsername(i + 1), office, 'leader', {});
  return out;
}

/**
 * The accounts the generated workflow names as a step's actor: whoever works a grid locally (its grid
 * worker; in a village, the village committee; an urban grid without a worker, its community), a
 * department, a centre seat, a city leader (numbered from 1).
 */
export const actorAccounts = {
  gridWorker: (workerId: string) => staffAccountId(gridWorkerUsername(workerId)),
  villageCommittee: (villageId: string) => staffAccountId(villageCommitteeUsername(villageId)),
  community: (communityId: string) => staffAccountId(communityUsername(communityId)),
  department: (departmentId: string) => staffAccountId(departmentUsername(departmentId)),
  centreSeat: (seat: number) => staffAccountId(centreSeatUsername(seat)),
  leader: (n: number) => staffAccountId(leaderUsername(n)),
};

/**
 * How a timeline shows the account that acted: its display name, but a grid worker's (a person's
 * name, masked as /api/grids masks it: 张*); null for a step whose actor is not an account.
 */
export function actorName(role: Role | null, displayName: string | null): string | null {
  if (role === null || displayName === null) return null;
  return role === 'gridworker' ? maskName(displayName) : displayName;
}
