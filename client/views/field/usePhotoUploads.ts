// Up to three photos, each uploaded as soon as it is chosen (POST /api/photos) with its progress, its
// refusal in words, and a retry. A photo the browser can read but the server would not take as it is
// (HEIC, or a very large one) is re-encoded as a JPEG of at most 2048 px first.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldApi } from '../../api/fieldApi';
import { useI18n } from '../../i18n';
import { MAX_PHOTOS, PHOTO_TYPES, problemText } from './field.model';

export interface PhotoSlot {
  key: number;
  preview: string;
  blob: Blob;
  status: 'uploading' | 'done' | 'failed';
  progress: number;
  id?: string;
  problem?: string;
}

const REENCODE_ABOVE = 4 * 1024 * 1024;
const MAX_SIDE = 2048;
/** The server's limit (PHOTO_MAX_BYTES' default), to say it in the refusal. */
const MAX_MB = 8;

async function prepare(file: File): Promise<Blob> {
  if (PHOTO_TYPES.includes(file.type) && file.size <= REENCODE_ABOVE) return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
    return blob ?? file;
  } catch {
    return file; // not an image the browser reads: the server says why
  }
}

export function usePhotoUploads(api: FieldApi) {
  const { t } = useI18n();
  const [slots, setSlots] = useState<PhotoSlot[]>([]);
  const next = useRef(1);
  const update = useCallback(
    (key: number, change: Partial<PhotoSlot>) =>
      setSlots((all) => all.map((s) => (s.key === key ? { ...s, ...change } : s))),
    [],
  );

  const upload = useCallback(
    (key: number, blob: Blob) => {
      update(key, { status: 'uploading', progress: 0, problem: undefined });
      const type = PHOTO_TYPES.includes(blob.type) ? blob : new Blob([blob], { type: 'image/jpeg' });
      api
        .uploadPhoto(type, (progress) => update(key, { progress }))
        .then(
          (photo) => update(key, { status: 'done', progress: 1, id: photo.id }),
          (error: unknown) => update(key, { status: 'failed', problem: problemText(t, error, { max: MAX_MB }) }),
        );
    },
    [api, t, update],
  );

  const add = useCallback(
    async (files: FileList | File[]) => {
      const room = MAX_PHOTOS - slots.length;
      for (const file of [...files].slice(0, Math.max(0, room))) {
        const key = next.current++;
        const blob = await prepare(file);
        setSlots((all) => [
          ...all,
          { key, preview: URL.createObjectURL(blob), blob, status: 'uploading', progress: 0 },
        ]);
        upload(key, blob);
      }
    },
    [slots.length, upload],
  );

  const remove = (key: number) =>
    setSlots((all) => {
      const gone = all.find((s) => s.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return all.filter((s) => s.key !== key);
    });
  const retry = (key: number) => {
    const slot = slots.find((s) => s.key === key);
    if (slot) upload(key, slot.blob);
  };
  const reset = () =>
    setSlots((all) => {
      for (const s of all) URL.revokeObjectURL(s.preview);
      return [];
    });
  // The previews are let go with the page.
  const latest = useRef(slots);
  latest.current = slots;
  useEffect(
    () => () => {
      for (const s of latest.current) URL.revokeObjectURL(s.preview);
    },
    [],
  );

  return {
    slots,
    add,
    remove,
    retry,
    reset,
    /** The uploaded photos' ids, in the order chosen. */
    ids: slots.flatMap((s) => (s.id ? [s.id] : [])),
    /** Every photo uploaded (none pending, none failed). */
    ready: slots.every((s) => s.status === 'done'),
    full: slots.length >= MAX_PHOTOS,
  };
}
export type PhotoUploads = ReturnType<typeof usePhotoUploads>;
