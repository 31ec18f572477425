// Photos (现场照片): one upload route — the raw image as the body, the one body that is not JSON or
// CSV — and the photo served back. The type is told by the magic bytes, whatever the Content-Type
// says; the metadata (EXIF with its GPS position, XMP, comments, text chunks) is stripped before
// anything is written (server/domain/photoBytes.ts); the file is kept under its SHA-256, so the same
// photo sent twice is one file and one id. A photo is served to whoever may read a case naming it.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scopeOf } from '../domain/access';
import { MalformedPhoto, PHOTO_MIME, sniffPhoto, stripPhotoMetadata } from '../domain/photoBytes';
import type { AppEnv } from '../http/context';
import type { Deps } from '../http/deps';
import { ApiError, errorResponse, errorResponses, notFoundResponse, validationHook } from '../http/errors';
import { photoExists, photoInScope, photoUrl, readPhoto, savePhoto } from '../store/photos';
import { json } from './schemas';

export const PHOTO_UPLOAD_PATH = '/api/photos';

const Binary = z.string().openapi({ type: 'string', format: 'binary' });

const upload = createRoute({
  method: 'post',
  path: '/photos',
  tags: ['events'],
  summary:
    'Upload a photo (JPEG, PNG or WebP as the raw body, at most PHOTO_MAX_BYTES): metadata stripped, kept by content hash',
  request: {
    body: {
      content: { 'image/jpeg': { schema: Binary }, 'image/png': { schema: Binary }, 'image/webp': { schema: Binary } },
      required: true,
    },
  },
  responses: {
    201: json(z.object({ id: z.string(), url: z.string() }).openapi('PhotoUpload'), 'The stored photo'),
    400: errorResponse('empty_photo (no body); not_an_image (the bytes are not JPEG, PNG or WebP); malformed_photo'),
    413: errorResponse('photo_too_large: more than PHOTO_MAX_BYTES'),
    415: errorResponse('unsupported_media_type: the body is not declared image/jpeg, image/png or image/webp'),
    503: errorResponse('This server keeps no photos'),
    500: errorResponses[500],
  },
});

const one = createRoute({
  method: 'get',
  path: '/photos/{id}',
  tags: ['events'],
  summary: 'A photo of a case you may read (content-addressed: cached for a year, never changes)',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'expected a photo id')
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The image',
      content: { 'image/jpeg': { schema: Binary }, 'image/png': { schema: Binary }, 'image/webp': { schema: Binary } },
    },
    ...notFoundResponse,
    ...errorResponses,
  },
});

const DECLARED = /^image\/(jpeg|png|webp)\s*$/i;

export function photoRoutes({ db, photos }: Deps) {
  const store = () => {
    if (!photos) throw new ApiError(503, 'photos_off', 'This server keeps no photos.');
    return photos;
  };
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(upload, async (c) => {
      const { dir, maxBytes } = store();
      if (!DECLARED.test(c.req.header('content-type') ?? ''))
        throw new ApiError(415, 'unsupported_media_type', 'Send the photo as image/jpeg, image/png or image/webp.');
      const declared = Number(c.req.header('content-length') ?? 0);
      if (declared > maxBytes)
        throw new ApiError(
          413,
          'photo_too_large',
          `A photo may be at most ${maxBytes} bytes; this one is ${declared}.`,
        );
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > maxBytes)
        throw new ApiError(
          413,
          'photo_too_large',
          `A photo may be at most ${maxBytes} bytes; this one is ${bytes.length}.`,
        );
      if (bytes.length === 0) throw new ApiError(400, 'empty_photo', 'The body is empty: send the photo’s bytes.');
      const type = sniffPhoto(bytes);
      if (!type) throw new ApiError(400, 'not_an_image', 'The bytes are not a JPEG, PNG or WebP image.');
      let clean: Uint8Array;
      try {
        clean = stripPhotoMetadata(bytes, type);
      } catch (err) {
        if (err instanceof MalformedPhoto)
          throw new ApiError(400, 'malformed_photo', `The ${type.toUpperCase()} does not parse: ${err.message}.`);
        throw err;
      }
      const id = await savePhoto(dir, clean);
      return c.json({ id, url: photoUrl(id) }, 201);
    })
    .openapi(one, async (c) => {
      const { dir } = store();
      const { id } = c.req.valid('param');
      const principal = c.get('principal')!;
      if (!photoExists(dir, id) || !(await photoInScope(db, scopeOf(principal), id)))
        throw new ApiError(404, 'not_found', 'No such photo on a case in your scope.');
      // Content-addressed: a copy the browser holds under this id is this photo.
      if (c.req.header('if-none-match') === `"${id}"`) return c.body(null, 304) as never;
      const bytes = await readPhoto(dir, id);
      const type = sniffPhoto(bytes) ?? 'jpeg';
      // Private: the answer depends on who asks; immutable: the id is the content's hash.
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      c.header('ETag', `"${id}"`);
      c.header('Content-Type', PHOTO_MIME[type]);
      return c.body(new Uint8Array(bytes), 200) as never;
    });
}
