// Small builders for the WHERE clauses the query modules share. Values are always bound as
// parameters ($1, $2, ...); only column names written in this module reach the SQL text.
import type { DuckDBValue } from '@duckdb/node-api';
import type { Scope } from '../domain/access';

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export class Where {
  private readonly parts: string[] = [];
  readonly params: DuckDBValue[] = [];

  /** Adds `clause`, where each `?` is replaced by the next bound parameter. */
  add(clause: string, ...values: DuckDBValue[]): this {
    let i = 0;
    this.parts.push(clause.replace(/\?/g, () => `$${this.params.length + ++i}`));
    this.params.push(...values);
    return this;
  }

  /** Points (lon/lat columns) inside the box. */
  pointIn(bbox: Bbox | undefined, lon = 'lon', lat = 'lat'): this {
    if (!bbox) return this;
    return this.add(`${lon} BETWEEN ? AND ? AND ${lat} BETWEEN ? AND ?`, bbox[0], bbox[2], bbox[1], bbox[3]);
  }

  /** Shapes whose stored bounding box intersects the box. */
  boxIntersects(bbox: Bbox | undefined): this {
    if (!bbox) return this;
    return this.add(
      'max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?',
      bbox[0],
      bbox[2],
      bbox[1],
      bbox[3],
    );
  }

  /**
   * Rows the scope may read. `grid` names the row's grid column; `department` its department column,
   * or null where rows have none (then a department scope reads nothing).
   */
  inScope(scope: Scope, columns: { grid: string; department: string | null }): this {
    switch (scope.kind) {
      case 'city':
        return this;
      case 'unit':
        return this.add(
          `${columns.grid} IN (SELECT id FROM admin_units WHERE path = ? OR starts_with(path, ? || '/'))`,
          scope.path,
          scope.path,
        );
      case 'department':
        return columns.department ? this.add(`${columns.department} = ?`, scope.departmentId) : this.add('false');
    }
  }

  eq(column: string, value: DuckDBValue | undefined): this {
    return value === undefined ? this : this.add(`${column} = ?`, value);
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
