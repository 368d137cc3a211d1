/**
 * Reads an upload for a route that takes files (route.rawBody): either `multipart/form-data` (text
 * fields and file parts, as Camunda Modeler and browsers send them; parsed by busboy as it streams)
 * or one raw XML document (`application/xml`, `text/xml`). Everything is held in memory, so every
 * size is capped: each file, all files together, the number of files and of text fields, and each
 * field's length. A size over a cap is a 413 naming the file; too many parts, a duplicate field or
 * file name and a malformed body are 400s; another content type is a 415.
 *
 * Reading stops at the first cap exceeded; what the client still sends is discarded.
 */
import type { Request } from 'express';
import express from 'express';
import busboy from 'busboy';
import { HttpProblem, badRequest } from '../errors/problem.js';
import { hasBody } from './body.js';

export interface UploadLimits {
  /** Largest file (or raw XML body), in bytes. */
  readonly fileBytes: number;
  /** Largest total of all files, in bytes. */
  readonly totalBytes: number;
  readonly files: number;
  readonly fields: number;
  /** Longest text field value, in bytes. */
  readonly fieldBytes: number;
}

export interface UploadedFile {
  /** The file name without any directory part. */
  readonly name: string;
  /** The multipart field it came in (for a raw XML body: `body`). */
  readonly field: string;
  readonly content: Buffer;
}

export interface Upload {
  readonly kind: 'multipart' | 'xml';
  readonly fields: ReadonlyMap<string, string>;
  readonly files: readonly UploadedFile[];
}

export const MULTIPART = 'multipart/form-data';
export const XML_TYPES = ['application/xml', 'text/xml'] as const;

/** Bytes a multipart body may carry beyond its files: boundaries, part headers, text fields. */
const MULTIPART_OVERHEAD = 256 * 1024;

const mib = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

const tooLarge = (code: string, detail: string, file?: string): HttpProblem =>
  new HttpProblem(413, code, detail, file ? [{ file, message: detail }] : []);

/** `C:\models\a.bpmn` or `models/a.bpmn` → `a.bpmn`. */
const baseName = (name: string): string => name.split(/[\\/]/).pop() ?? name;

const declaredLength = (request: Request): number | undefined => {
  const header = request.headers['content-length'];
  return header === undefined ? undefined : Number(header);
};

/** Reads the request's multipart or XML body within the limits. */
export async function readUpload(request: Request, limits: UploadLimits): Promise<Upload> {
  if (!hasBody(request)) throw badRequest('missing-body', `Send the files as ${MULTIPART}, or one BPMN model as application/xml`);
  if (request.is(MULTIPART)) return readMultipart(request, limits);
  if (request.is([...XML_TYPES])) return readXml(request, limits);
  throw new HttpProblem(415, 'unsupported-media-type', `Send the files as ${MULTIPART}, or one BPMN model as application/xml`, [
    { field: 'Content-Type', message: `'${request.headers['content-type'] ?? ''}' is not accepted here` },
  ]);
}

async function readXml(request: Request, limits: UploadLimits): Promise<Upload> {
  const length = declaredLength(request);
  if (length !== undefined && length > limits.fileBytes) {
    throw tooLarge('file-too-large', `A model may be at most ${mib(limits.fileBytes)}`);
  }
  // body-parser's text reader: the limit, the declared charset, and errors the error mapper knows (413, 415).
  const parse = express.text({ type: [...XML_TYPES], limit: limits.fileBytes, defaultCharset: 'utf-8' });
  await new Promise<void>((resolve, reject) => parse(request, request.res!, (error?: unknown) => (error ? reject(error) : resolve())));
  const text = typeof request.body === 'string' ? request.body : '';
  return { kind: 'xml', fields: new Map(), files: [{ name: 'body', field: 'body', content: Buffer.from(text, 'utf8') }] };
}

function readMultipart(request: Request, limits: UploadLimits): Promise<Upload> {
  const length = declaredLength(request);
  if (length !== undefined && length > limits.totalBytes + MULTIPART_OVERHEAD) {
    throw tooLarge('upload-too-large', `All files of one upload may be at most ${mib(limits.totalBytes)} together`);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.fileBytes,
        files: limits.files,
        fields: limits.fields,
        fieldSize: limits.fieldBytes,
        fieldNameSize: 200,
        parts: limits.files + limits.fields,
        headerPairs: 20,
      },
    });
  } catch (error) {
    throw badRequest('malformed-multipart', `The multipart body cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }

  return new Promise<Upload>((resolve, reject) => {
    const fields = new Map<string, string>();
    const files: UploadedFile[] = [];
    const names = new Set<string>();
    let total = 0;
    let settled = false;

    const fail = (problem: HttpProblem): void => {
      if (settled) return;
      settled = true;
      request.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      request.resume(); // discard the rest of the body
      reject(problem);
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) {
        fail(badRequest('field-too-long', `The field '${name}' is longer than ${limits.fieldBytes} bytes`, [{ field: name, message: 'too long' }]));
      } else if (fields.has(name)) {
        fail(badRequest('duplicate-field', `The field '${name}' is sent twice`, [{ field: name, message: 'sent twice' }]));
      } else {
        fields.set(name, value);
      }
    });

    parser.on('file', (field, stream, info) => {
      const name = baseName(info.filename ?? field);
      if (names.has(name)) {
        stream.resume();
        fail(badRequest('duplicate-file', `The file '${name}' is sent twice`, [{ file: name, message: 'sent twice' }]));
        return;
      }
      names.add(name);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.totalBytes) {
          fail(tooLarge('upload-too-large', `All files of one upload may be at most ${mib(limits.totalBytes)} together`, name));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (error: unknown) =>
        fail(badRequest('malformed-multipart', `The file '${name}' cannot be read: ${error instanceof Error ? error.message : String(error)}`, [{ file: name, message: 'incomplete' }])),
      );
      stream.on('limit', () => fail(tooLarge('file-too-large', `The file '${name}' is larger than ${mib(limits.fileBytes)}`, name)));
      stream.on('end', () => {
        if (!settled) files.push({ name, field, content: Buffer.concat(chunks) });
      });
    });

    parser.on('filesLimit', () => fail(badRequest('too-many-files', `At most ${limits.files} files may be sent at once`)));
    parser.on('fieldsLimit', () => fail(badRequest('too-many-fields', `At most ${limits.fields} text fields may be sent`)));
    parser.on('partsLimit', () => fail(badRequest('too-many-parts', `At most ${limits.files + limits.fields} parts may be sent`)));
    parser.on('error', (error: unknown) =>
      fail(badRequest('malformed-multipart', `The multipart body cannot be read: ${error instanceof Error ? error.message : String(error)}`)),
    );
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ kind: 'multipart', fields, files });
    });
    request.on('aborted', () => fail(badRequest('request-aborted', 'The upload was interrupted')));
    request.pipe(parser);
  });
}
