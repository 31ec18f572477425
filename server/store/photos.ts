// Photos of cases (现场照片): the files, kept once each under their SHA-256 (content-addressed: the
// same bytes are the same id and one file), and the event_photos rows that name them from the step
// that brought them (written with the step, in store/cases.ts). The files are written before any
// case names them; a photo no case names is harmless (served to nobody: only readers of a case
// naming it may fetch one).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import type { Scope } from '../domain/access';
import { caseScope } from './cases';
import type { Db } from './db';
import { Where } from './sql';

export const PHOTO_ID = /^[0-9a-f]{64}$/;

export const photoUrl = (id: string) => `/api/photos/${id}`;

const pathOf = (dir: string, id: string) => join(dir, id.slice(0, 2), id);

/** Stores the bytes under their hash (once) and returns the id. */
export async function savePhoto(dir: string, bytes: Uint8Array): Promise<string> {
  const id = createHash('sha256').update(bytes).digest('hex');
  const path = pathOf(dir, id);
  if (existsSync(path)) return id;
  await mkdir(join(dir, id.slice(0, 2)), { recursive: true });
  // Written aside and renamed, so a reader never sees half a photo.
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
  return id;
}

export const photoExists = (dir: string, id: string) => PHOTO_ID.test(id) && existsSync(pathOf(dir, id));

export function readPhoto(dir: string, id: string): Promise<Buffer> {
  return readFile(pathOf(dir, id));
}

/** Whether a case in the scope names the photo. */
export async function photoInScope(db: Db, scope: Scope, id: string): Promise<boolean> {
  const w = caseScope(new Where().add('id IN (SELECT event_id FROM event_photos WHERE photo_id = ?)', id), scope);
  return Boolean(await db.one(`SELECT 1 AS found FROM events ${w} LIMIT 1`, w.params));
}

export interface CasePhoto {
  id: string;
  url: string;
  seq: number;
}

/** Cases' photos by case, each in the timeline's order (a case with none is absent). */
export async function casesPhotos(db: Db, ids: readonly string[]): Promise<Map<string, CasePhoto[]>> {
  const out = new Map<string, CasePhoto[]>();
  if (ids.length === 0) return out;
  const rows = await db.all<{ event_id: string; photo_id: string; seq: number }>(
    'SELECT event_id, photo_id, seq FROM event_photos WHERE event_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY event_id, seq, no',
    [listValue([...ids])],
  );
  for (const r of rows) {
    const photo = { id: r.photo_id, url: photoUrl(r.photo_id), seq: r.seq };
    const list = out.get(r.event_id);
    if (list) list.push(photo);
    else out.set(r.event_id, [photo]);
  }
  return out;
}
