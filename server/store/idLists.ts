// Lists of ids kept in `events` (holders, dispatched_to, returned_by) are stored as comma-joined text,
// not as DuckDB lists: DuckDB updates a LIST column by deleting the row and appending it again, so
// every action rewrote its case's whole row; a VARCHAR is updated in place (migration 20). The ids
// (`centre`, D02, unit codes) hold no commas. '' is the empty list; NULL is "not yet projected".

/** The stored text of a list of ids. */
export const joinIds = (ids: readonly string[] | null): string | null => (ids === null ? null : ids.join(','));

/** The ids of a stored text. */
export const splitIds = (text: string | null): string[] | null =>
  text === null ? null : text === '' ? [] : text.split(',');

/** SQL: the stored text `column` as a DuckDB list (NULL for the empty list: `len` and `unnest` give nothing). */
export const idListSql = (column: string) => `string_split(nullif(${column}, ''), ',')`;

/** SQL: how many ids the stored text `column` holds (0 for '', NULL for NULL), without splitting it. */
export const idCountSql = (column: string) =>
  `CASE WHEN ${column} = '' THEN 0 ELSE length(${column}) - length(replace(${column}, ',', '')) + 1 END`;
