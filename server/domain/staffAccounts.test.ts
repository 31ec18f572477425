import { describe, expect, it } from 'vitest';
import { ROLE_UNIT_LEVELS } from './access';
import { USERNAME_PATTERN } from './accounts';
import { DEPARTMENTS } from './departments';
import {
  actorAccounts,
  actorName,
  CITY_LEADERS,
  isStaffAccountId,
  type StaffSource,
  staffAccountOf,
  staffAccounts,
  villageCommitteeName,
} from './staffAccounts';

const unit = (id: string, name: string, level: string, parentId: string | null) => ({ id, name, level, parentId });

// A small tree in the reference's shape: one subdistrict with a community and two grids, one town with
// a village and a grid; listed out of order on purpose.
const SOURCE: StaffSource = {
  adminUnits: [
    unit('340881103200G01', '凤凰村第1网格', 'grid', '340881103200'),
    unit('340881002001G02', '三里社区第2网格', 'grid', '340881002001'),
    unit('340881002001G01', '三里社区第1网格', 'grid', '340881002001'),
    unit('340881103200', '凤凰村委会', 'village', '340881103'),
    unit('340881103201', '新安渡', 'village', '340881103'),
    unit('340881002001', '三里居委会', 'community', '340881002'),
    unit('340881103', '新渡镇', 'town', '340881'),
    unit('340881002', '文昌街道', 'subdistrict', '340881'),
    unit('340881', '桐城市', 'city', null),
  ],
  gridWorkers: [
    { id: 'GW002', gridId: '340881002001G02', name: '刘艳婷' },
    { id: 'GW001', gridId: '340881002001G01', name: '陈秀' },
  ],
  departments: [
    { id: 'D02', name: '市城市管理局' },
    { id: 'D01', name: '市公安局' },
  ],
  centreSeats: 2,
};

describe('staffAccounts', () => {
  const accounts = staffAccounts(SOURCE);

  it('makes one account per worker, village committee, community, subdistrict, town, department and seat, and the leaders', () => {
    expect(accounts.map((a) => [a.id, a.username, a.displayName, a.role, a.unitId, a.departmentId])).toEqual([
      ['S-gw001', 'gw001', '陈秀', 'gridworker', '340881002001G01', null],
      ['S-gw002', 'gw002', '刘艳婷', 'gridworker', '340881002001G02', null],
      ['S-v-340881103200', 'v-340881103200', '凤凰村委会', 'community', '340881103200', null],
      ['S-v-340881103201', 'v-340881103201', '新安渡村委会', 'community', '340881103201', null],
      ['S-c-340881002001', 'c-340881002001', '三里居委会工作人员', 'community', '340881002001', null],
      ['S-s-340881002', 's-340881002', '文昌街道工作人员', 'subdistrict', '340881002', null],
      ['S-t-340881103', 't-340881103', '新渡镇工作人员', 'subdistrict', '340881103', null],
      ['S-d01', 'd01', '市公安局', 'department', null, 'D01'],
      ['S-d02', 'd02', '市城市管理局', 'department', null, 'D02'],
      ['S-seat01', 'seat01', '指挥中心坐席01', 'centre', null, null],
      ['S-seat02', 'seat02', '指挥中心坐席02', 'centre', null, null],
      ['S-leader01', 'leader01', '市长', 'leader', null, null],
      ['S-leader02', 'leader02', '分管城市管理副市长', 'leader', null, null],
    ]);
  });

  it('binds each geographic account to a unit of a level its role allows', () => {
    const levelOf = new Map(SOURCE.adminUnits.map((u) => [u.id, u.level]));
    for (const a of accounts.filter((x) => x.unitId !== null))
      expect(ROLE_UNIT_LEVELS[a.role], a.id).toContain(levelOf.get(a.unitId!));
  });

  it('gives valid, unique usernames and ids that no platform id (U + serial) can take', () => {
    const all = staffAccounts({
      adminUnits: SOURCE.adminUnits,
      gridWorkers: Array.from({ length: 105 }, (_, i) => ({
        id: `GW${String(i + 1).padStart(3, '0')}`,
        gridId: 'G',
        name: '某',
      })),
      departments: DEPARTMENTS,
      centreSeats: 16,
    });
    expect(all).toHaveLength(105 + 2 + 1 + 1 + 1 + 22 + 16 + CITY_LEADERS.length);
    for (const a of all) {
      expect(a.username).toMatch(USERNAME_PATTERN);
      expect(a.id).toBe(`S-${a.username}`);
      expect(isStaffAccountId(a.id)).toBe(true);
      expect(a.displayName.length).toBeLessThanOrEqual(64);
    }
    expect(new Set(all.map((a) => a.username)).size).toBe(all.length);
    expect(isStaffAccountId('U001')).toBe(false);
  });

  it('is deterministic whatever the input order', () => {
    const reversed = {
      ...SOURCE,
      adminUnits: [...SOURCE.adminUnits].reverse(),
      gridWorkers: [...SOURCE.gridWorkers].reverse(),
      departments: [...SOURCE.departments].reverse(),
    };
    expect(staffAccounts(reversed)).toEqual(accounts);
  });

  it('names the accounts the generated workflow uses as actors', () => {
    const ids = new Set(accounts.map((a) => a.id));
    for (const id of [
      actorAccounts.gridWorker('GW001'),
      actorAccounts.villageCommittee('340881103200'),
      actorAccounts.community('340881002001'),
      actorAccounts.department('D02'),
      actorAccounts.centreSeat(2),
    ])
      expect(ids, id).toContain(id);
  });
});

describe('villageCommitteeName', () => {
  it.each([
    ['凤凰村委会', '凤凰村委会'],
    ['童庄村民委员会', '童庄村民委员会'],
    ['新安渡', '新安渡村委会'],
    ['新安渡村', '新安渡村委会'],
  ])('%s → %s', (name, expected) => {
    expect(villageCommitteeName(name)).toBe(expected);
  });
});

describe('actorName', () => {
  it.each<[Parameters<typeof actorName>[0], string | null, string | null]>([
    ['gridworker', '刘艳婷', '刘**'],
    ['gridworker', '欧阳娜', '欧阳*'],
    ['community', '凤凰村委会', '凤凰村委会'],
    ['department', '市城市管理局', '市城市管理局'],
    ['centre', '指挥中心坐席01', '指挥中心坐席01'],
    [null, null, null],
  ])('%s %s → %s', (role, name, expected) => {
    expect(actorName(role, name)).toBe(expected);
  });
});

describe('staffAccountOf', () => {
  it('reads back whom every account of the source speaks for: its unit, department or office', () => {
    for (const a of staffAccounts(SOURCE)) {
      const of = staffAccountOf(a.id);
      if (a.role === 'gridworker' || a.role === 'centre') expect(of, a.id).toBeNull();
      else if (a.role === 'department') expect(of, a.id).toEqual({ departmentId: a.departmentId });
      else if (a.role === 'leader') expect(of, a.id).toEqual({ office: a.displayName });
      else expect(of, a.id).toEqual({ unitId: a.unitId });
    }
    expect(staffAccountOf('U0001')).toBeNull();
    expect(staffAccountOf('S-leader99')).toBeNull();
  });
});
