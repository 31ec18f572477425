// What the field page calls beyond the shared TwinApi: reporting, the actions on a case, the likely
// duplicates, the worker's own lists, and photo uploads with progress (XMLHttpRequest: fetch reports
// no upload progress). Errors arrive as ApiErrors with the server's code.
import { apiErrorOf, bodyOf } from './apiError';
import type { EventDetail, EventPage } from './twinApi';

export interface ReportInput {
  itemCode: string;
  lon: number;
  lat: number;
  description: string;
  source: 'patrol';
  note?: string;
  photos?: string[];
}

export type CaseActionInput =
  | { action: 'accept'; note?: string }
  | { action: 'feedback'; note?: string; photos?: string[] }
  | { action: 'verify'; passed: boolean; note?: string; photos?: string[] }
  | { action: 'escalate'; note?: string };

export interface UploadedPhoto {
  id: string;
  url: string;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  credentials: 'same-origin',
  body: JSON.stringify(body),
});

const get = async <T>(path: string, signal?: AbortSignal) =>
  bodyOf<T>(await fetch(`/api${path}`, { headers: { accept: 'application/json' }, signal }));

export const fieldApi = {
  report: async (input: ReportInput) => bodyOf<EventDetail>(await fetch('/api/events', json(input))),
  act: async (id: string, input: CaseActionInput) =>
    bodyOf<EventDetail>(await fetch(`/api/events/${encodeURIComponent(id)}/actions`, json(input))),
  event: (id: string, signal?: AbortSignal) => get<EventDetail>(`/events/${encodeURIComponent(id)}`, signal),
  /** GET /api/events with a query string made by the caller (field.model.ts). */
  events: (query: string, signal?: AbortSignal) => get<EventPage>(`/events?${query}`, signal),

  /** POST /api/photos with the image as the body; `onProgress` gets 0–1 as it goes out. */
  uploadPhoto(blob: Blob, onProgress: (fraction: number) => void): Promise<UploadedPhoto> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/photos');
      xhr.setRequestHeader('content-type', blob.type);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON: the status speaks */
        }
        if (xhr.status === 201) resolve(body as UploadedPhoto);
        else reject(apiErrorOf(xhr.status, xhr.statusText, '/api/photos', body));
      };
      xhr.onerror = () => reject(new TypeError('network error'));
      xhr.send(blob);
    });
  },
};
export type FieldApi = typeof fieldApi;
