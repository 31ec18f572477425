// The city's headline figures, counted from the data (the big screen's header reads them).
import type { Db } from './db';

export interface Overview {
  subdistricts: number;
  communities: number;
  urbanGrids: number;
  towns: number;
  villages: number;
  villageGrids: number;
  components: number;
  cameras: number;
  patrolPoints: number;
  residents: number;
  departments: number;
  gridPartyBranches: number;
  compoundPartyGroups: number;
  unitHeads: number;
  taxonomy: { categories: number; subcategories: number; items: number };
  /** firstDay, lastDay: the span of the case history (UTC days, YYYY-MM-DD), null without any case. */
  events: { total: number; closed: number; closureRate: number; firstDay: string | null; lastDay: string | null };
}

export async function getOverview(db: Db): Promise<Overview> {
  const span = (await db.one<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(reported_at), '%Y-%m-%d') AS first, strftime(max(reported_at), '%Y-%m-%d') AS last FROM events`,
  ))!;
  const r = (await db.one<Record<string, number>>(`
    SELECT
      (SELECT count(*) FROM admin_units WHERE level = 'subdistrict') AS subdistricts,
      (SELECT count(*) FROM admin_units WHERE level = 'community') AS communities,
      (SELECT count(*) FROM admin_units WHERE level = 'grid' AND area = 'urban') AS urban_grids,
      (SELECT count(*) FROM admin_units WHERE level = 'town') AS towns,
      (SELECT count(*) FROM admin_units WHERE level = 'village') AS villages,
      (SELECT count(*) FROM admin_units WHERE level = 'grid' AND area = 'village') AS village_grids,
      (SELECT count(*) FROM components) AS components,
      (SELECT count(*) FROM cameras) AS cameras,
      (SELECT count(*) FROM patrol_points) AS patrol_points,
      (SELECT count(*) FROM residents) AS residents,
      (SELECT count(*) FROM departments) AS departments,
      (SELECT count(*) FROM organisations WHERE kind = 'grid-party-branch') AS grid_party_branches,
      (SELECT count(*) FROM organisations WHERE kind = 'compound-party-group') AS compound_party_groups,
      (SELECT count(*) FROM unit_heads) AS unit_heads,
      (SELECT count(*) FROM taxonomy_categories) AS categories,
      (SELECT count(*) FROM taxonomy_subcategories) AS subcategories,
      (SELECT count(*) FROM taxonomy_items) AS items,
      -- reports never filed (不予立案, merged duplicates) are counted apart from the cases
      (SELECT count(*) FROM events WHERE status NOT IN ('rejected', 'merged')) AS events_total,
      (SELECT count(*) FROM events WHERE status = 'closed') AS events_closed`))!;
  const total = r.events_total!;
  const closed = r.events_closed!;
  return {
    subdistricts: r.subdistricts!,
    communities: r.communities!,
    urbanGrids: r.urban_grids!,
    towns: r.towns!,
    villages: r.villages!,
    villageGrids: r.village_grids!,
    components: r.components!,
    cameras: r.cameras!,
    patrolPoints: r.patrol_points!,
    residents: r.residents!,
    departments: r.departments!,
    gridPartyBranches: r.grid_party_branches!,
    compoundPartyGroups: r.compound_party_groups!,
    unitHeads: r.unit_heads!,
    taxonomy: { categories: r.categories!, subcategories: r.subcategories!, items: r.items! },
    // Rounded to three places, as the article states it (99.3%).
    events: {
      total,
      closed,
      closureRate: total ? Math.round((closed / total) * 1000) / 1000 : 0,
      firstDay: span.first,
      lastDay: span.last,
    },
  };
}
