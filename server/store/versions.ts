// Data versions (数据版本): one counter per table, moved by the store's writers once a write has
// committed. Cached answers (layers, aggregates, sessions) name the tables they read and are rebuilt
// only when one of those counters moved, so checking "is this still current?" never touches DuckDB.
// Counters live in the process that owns the DuckDB file (one writer per file, DESIGN.md); a restart
// starts them again, and cached answers with them.

export class DataVersions {
  private readonly counters = new Map<string, number>();

  /** Moves the version of every table named; call it after the write committed. */
  bump(...tables: string[]): void {
    for (const t of tables) this.counters.set(t, (this.counters.get(t) ?? 0) + 1);
  }

  /** The version of one table (0 until its first write in this process). */
  of(table: string): number {
    return this.counters.get(table) ?? 0;
  }

  /** One string naming the versions of all the tables given, in their order. */
  key(tables: readonly string[]): string {
    return tables.map((t) => this.of(t)).join('.');
  }
}
