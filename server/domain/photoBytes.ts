// A photo's bytes as the platform keeps them (现场照片): the type told by its magic bytes (never by
// the Content-Type a client claims), and the metadata a phone writes into it — EXIF with the GPS
// position and the device, XMP, comments, text chunks — removed without re-encoding the pixels. Pure:
// bytes in, bytes out, so it is tested without a server. A structure that does not parse is refused.

export type PhotoType = 'jpeg' | 'png' | 'webp';

export const PHOTO_MIME: Record<PhotoType, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** The image type by its first bytes; null when it is none of JPEG, PNG, WebP. */
export function sniffPhoto(b: Uint8Array): PhotoType | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  return null;
}

export class MalformedPhoto extends Error {}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * JPEG: every APPn segment goes except APP0 (JFIF), APP2 holding an ICC profile (colour, no person)
 * and APP14 (Adobe: how to read CMYK); comments (COM) go too. From the start of scan on, the bytes
 * are entropy-coded data and are kept as they are.
 */
function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  for (;;) {
    if (at + 4 > b.length || b[at] !== 0xff) throw new MalformedPhoto('JPEG segment expected');
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (length < 2 || at + 2 + length > b.length) throw new MalformedPhoto('JPEG segment overruns the file');
    const segment = b.subarray(at, at + 2 + length);
    if (marker === 0xda) {
      parts.push(b.subarray(at)); // start of scan: the rest is image data (and later segments' markers)
      return concat(parts);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep =
      !isApp && marker !== 0xfe
        ? true
        : marker === 0xe0 || (marker === 0xe2 && ascii(b, at + 4, 11) === 'ICC_PROFILE') || marker === 0xee;
    if (keep) parts.push(segment);
    at += 2 + length;
  }
}

/** PNG chunks that carry words or times rather than pixels: text, compressed text, EXIF, modification time. */
const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  let sawEnd = false;
  while (at < b.length) {
    if (at + 12 > b.length) throw new MalformedPhoto('PNG chunk truncated');
    const length = view.getUint32(at);
    const type = ascii(b, at + 4, 4);
    const end = at + 12 + length;
    if (end > b.length) throw new MalformedPhoto('PNG chunk overruns the file');
    if (at === 8 && type !== 'IHDR') throw new MalformedPhoto('PNG must start with IHDR');
    if (!PNG_DROPPED.has(type)) parts.push(b.subarray(at, end));
    at = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new MalformedPhoto('PNG has no IEND');
  return concat(parts);
}

/** WebP: the EXIF and XMP chunks go, and the extended header (VP8X) stops announcing them. */
function stripWebp(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > b.length) throw new MalformedPhoto('WebP RIFF size overruns the file');
  const chunks: Uint8Array[] = [];
  let at = 12;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new MalformedPhoto('WebP chunk truncated');
    const fourcc = ascii(b, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size & 1);
    if (end > riffEnd) throw new MalformedPhoto('WebP chunk overruns the file');
    if (fourcc === 'VP8X') {
      const vp8x = b.slice(at, end);
      vp8x[8] = vp8x[8]! & ~0x0c; // flags: bit 3 EXIF, bit 2 XMP
      chunks.push(vp8x);
    } else if (fourcc !== 'EXIF' && fourcc !== 'XMP ') chunks.push(b.subarray(at, end));
    at = end;
  }
  if (chunks.length === 0) throw new MalformedPhoto('WebP has no image chunk');
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

/** The photo without its metadata; throws MalformedPhoto when its structure does not parse. */
export function stripPhotoMetadata(b: Uint8Array, type: PhotoType): Uint8Array {
  switch (type) {
    case 'jpeg':
      return stripJpeg(b);
    case 'png':
      return stripPng(b);
    case 'webp':
      return stripWebp(b);
  }
}
