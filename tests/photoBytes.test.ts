// Real images (tests/fixtures/photos: made by Chromium's encoder) with the metadata a phone writes
// put into them here — EXIF with a GPS position, XMP, text chunks — go in; the same images without
// it come out, byte for byte, and anything that is not a well-formed JPEG, PNG or WebP is refused.
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MalformedPhoto, sniffPhoto, stripPhotoMetadata } from '../server/domain/photoBytes';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/photos/${name}`, import.meta.url)));
const JPEG = fixture('plain.jpg');
const PNG = fixture('plain.png');
const WEBP = fixture('plain.webp');

const bytes = (...parts: (Uint8Array | number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u16 = (n: number) => [n >> 8, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

const MAKE = 'PhoneMakerX1';
/**
 * A TIFF (EXIF) block, big-endian: IFD0 with Make and a pointer to the GPS IFD, which holds
 * N 31°4'12.5" E 116°57'0.3" (a place in Tongcheng) as a phone writes it.
 */
function exifTiff(): Buffer {
  const entry = (tag: number, type: number, count: number, value: number[]) => [
    ...u16(tag),
    ...u16(type),
    ...u32(count),
    ...value,
  ];
  // Layout: header 8 | IFD0 (2 + 2×12 + 4 = 30) at 8 | Make string at 38 (13 bytes, padded to 14) | GPS IFD at 52
  const makeAt = 38;
  const gpsAt = 52;
  const ifd0 = [
    ...u16(2),
    ...entry(0x010f, 2, MAKE.length + 1, u32(makeAt)),
    ...entry(0x8825, 4, 1, u32(gpsAt)),
    ...u32(0),
  ];
  // GPS IFD: 4 entries (2 + 48 + 4 = 54) at 52; rationals at 106 (latitude, 24 bytes) and 130 (longitude)
  const latAt = gpsAt + 54;
  const lonAt = latAt + 24;
  const gps = [
    ...u16(4),
    ...entry(0x0001, 2, 2, [0x4e, 0, 0, 0]), // 'N'
    ...entry(0x0002, 5, 3, u32(latAt)),
    ...entry(0x0003, 2, 2, [0x45, 0, 0, 0]), // 'E'
    ...entry(0x0004, 5, 3, u32(lonAt)),
    ...u32(0),
  ];
  const rationals = (d: number, m: number, s100: number) => [
    ...u32(d),
    ...u32(1),
    ...u32(m),
    ...u32(1),
    ...u32(s100),
    ...u32(100),
  ];
  return bytes('MM', [0, 42], u32(8), ifd0, `${MAKE}\0\0`, gps, rationals(31, 4, 1250), rationals(116, 57, 30));
}

/** The JPEG with an APP1 Exif segment (and an XMP one, and a comment) after its APP0. */
function jpegWithMetadata(): Buffer {
  const app0Length = (JPEG[4]! << 8) | JPEG[5]!;
  const afterApp0 = 4 + app0Length;
  const exif = bytes('Exif\0\0', exifTiff());
  const xmp = bytes('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude 31.07</x:xmpmeta>');
  const comment = bytes('shot by 张三');
  return bytes(
    JPEG.subarray(0, afterApp0),
    [0xff, 0xe1, ...u16(exif.length + 2)],
    exif,
    [0xff, 0xe1, ...u16(xmp.length + 2)],
    xmp,
    [0xff, 0xfe, ...u16(comment.length + 2)],
    comment,
    JPEG.subarray(afterApp0),
  );
}

const pngChunk = (type: string, data: Uint8Array) => {
  const body = bytes(type, data);
  return bytes(u32(data.length), body, u32(crc32(body)));
};

/** The PNG with an eXIf chunk and text chunks after IHDR. */
function pngWithMetadata(): Buffer {
  const afterIhdr = 8 + 12 + 13;
  return bytes(
    PNG.subarray(0, afterIhdr),
    pngChunk('eXIf', exifTiff()),
    pngChunk('tEXt', bytes('Comment\0GPS 31.07,116.95')),
    pngChunk('iTXt', bytes('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>')),
    pngChunk('tIME', bytes([0x07, 0xea, 11, 2, 9, 0, 0])),
    PNG.subarray(afterIhdr),
  );
}

/** The WebP with EXIF and XMP chunks at its end and its VP8X header announcing them. */
function webpWithMetadata(): Buffer {
  const chunk = (fourcc: string, data: Uint8Array) =>
    bytes(fourcc, u32le(data.length), data, data.length & 1 ? [0] : []);
  const body = bytes(WEBP.subarray(12), chunk('EXIF', exifTiff()), chunk('XMP ', bytes('<x:xmpmeta>GPS</x:xmpmeta>')));
  const out = bytes('RIFF', u32le(body.length + 4), 'WEBP', body);
  expect(out.subarray(12, 16).toString('latin1')).toBe('VP8X'); // Chromium writes the extended format (ICC)
  out[20] = out[20]! | 0x0c;
  return out;
}

const contains = (haystack: Uint8Array, needle: string) =>
  Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));

describe('photo bytes', () => {
  it('tells the type by the magic bytes only', () => {
    expect(sniffPhoto(JPEG)).toBe('jpeg');
    expect(sniffPhoto(PNG)).toBe('png');
    expect(sniffPhoto(WEBP)).toBe('webp');
    expect(sniffPhoto(bytes('GIF89a……'))).toBeNull();
    expect(sniffPhoto(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPhoto(bytes('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(sniffPhoto(new Uint8Array())).toBeNull();
  });

  it('takes EXIF (with GPS), XMP and comments out of a JPEG and leaves the image as it was', () => {
    const tagged = jpegWithMetadata();
    expect(contains(tagged, 'Exif')).toBe(true);
    expect(contains(tagged, MAKE)).toBe(true);
    const clean = stripPhotoMetadata(tagged, 'jpeg');
    for (const marker of ['Exif', MAKE, 'xmpmeta', 'GPS', 'shot by'])
      expect(contains(clean, marker), marker).toBe(false);
    // Exactly the encoder's image: JFIF header, ICC profile, tables, scan — nothing else lost.
    expect(Buffer.from(clean).equals(Buffer.from(JPEG))).toBe(true);
    // And no APP1 marker is left anywhere before the scan.
    expect(Buffer.from(clean).indexOf(Buffer.from([0xff, 0xe1]))).toBe(-1);
  });

  it('takes eXIf, text and time chunks out of a PNG', () => {
    const clean = stripPhotoMetadata(pngWithMetadata(), 'png');
    for (const marker of ['eXIf', 'tEXt', 'iTXt', 'tIME', MAKE]) expect(contains(clean, marker), marker).toBe(false);
    expect(Buffer.from(clean).equals(Buffer.from(PNG))).toBe(true);
  });

  it('takes EXIF and XMP chunks out of a WebP and clears their flags', () => {
    const clean = stripPhotoMetadata(webpWithMetadata(), 'webp');
    for (const marker of ['EXIF', 'XMP ', MAKE]) expect(contains(clean, marker), marker).toBe(false);
    expect(Buffer.from(clean).equals(Buffer.from(WEBP))).toBe(true);
  });

  it('refuses a structure that does not parse', () => {
    expect(() => stripPhotoMetadata(JPEG.subarray(0, 40), 'jpeg')).toThrow(MalformedPhoto);
    expect(() => stripPhotoMetadata(bytes([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1, 2]), 'jpeg')).toThrow(MalformedPhoto);
    expect(() => stripPhotoMetadata(PNG.subarray(0, PNG.length - 12), 'png')).toThrow(MalformedPhoto);
    expect(() => stripPhotoMetadata(bytes(PNG.subarray(0, 8), pngChunk('tEXt', bytes('a'))), 'png')).toThrow(
      MalformedPhoto,
    );
    expect(() => stripPhotoMetadata(WEBP.subarray(0, 30), 'webp')).toThrow(MalformedPhoto);
  });
});
