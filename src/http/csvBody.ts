/**
 * The body of a catalog CSV upload as text: as it is, or gunzipped when it says `Content-Encoding: gzip`
 * or simply is gzip (the `.csv.gz` the CLI also reads, sent with `curl --data-binary @export.csv.gz`).
 * Decompression stops at the route's body limit, so a small bomb cannot fill memory. Any other
 * encoding is 415: the caller can send the CSV as it is.
 */
import { gunzipSync } from 'node:zlib';
import { AffinityError } from '../core/errors.ts';

/** Whether the bytes start with gzip's magic number. */
function isGzip(body: Buffer): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/** The CSV text of an upload (`encoding`: the request's `Content-Encoding`; `limit`: most bytes of text). */
export function csvText(body: Buffer, encoding: string | undefined, limit: number): string {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc !== '' && enc !== 'identity' && enc !== 'gzip' && enc !== 'x-gzip') {
    throw new AffinityError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not supported for a catalog upload: send the CSV as it is, or gzip-compressed.`);
  }
  if (enc === 'gzip' || enc === 'x-gzip' || isGzip(body)) {
    try {
      return gunzipSync(body, { maxOutputLength: limit }).toString('utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ERR_BUFFER_TOO_LARGE' || e.code === 'ERR_OUT_OF_RANGE') throw new AffinityError('PAYLOAD_TOO_LARGE', `The decompressed catalog is larger than ${limit} bytes.`);
      throw new AffinityError('VALIDATION_FAILED', `The body says it is gzip-compressed but could not be decompressed (${e.message}).`);
    }
  }
  return body.toString('utf8');
}
