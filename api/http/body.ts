/**
 * Request bodies: JSON only (`application/json` or `application/*+json`), up to `limit` bytes
 * (413 beyond), parsed per route after authentication so an anonymous caller's body is never
 * parsed. Another content type is a 415; a body for a route that takes none is ignored when it is
 * JSON and refused (415) otherwise.
 */
import express, { type Request, type Response } from 'express';
import { HttpProblem } from '../errors/problem.js';
import { guardJson } from './json-guard.js';

export interface BodyOptions {
  readonly limit: string | number;
  readonly maxDepth: number;
}

export const hasBody = (request: Request): boolean =>
  request.headers['transfer-encoding'] !== undefined ||
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

const JSON_TYPES = ['application/json', 'application/*+json'];

export function createBodyReader(options: BodyOptions): (request: Request, response: Response) => Promise<unknown> {
  const parse = express.json({ limit: options.limit, strict: false, type: JSON_TYPES });
  return async (request, response) => {
    if (!hasBody(request)) return undefined;
    if (!request.is(JSON_TYPES)) {
      throw new HttpProblem(415, 'unsupported-media-type', 'Send the request body as application/json', [
        { field: 'Content-Type', message: `'${request.headers['content-type'] ?? ''}' is not accepted` },
      ]);
    }
    await new Promise<void>((resolve, reject) => parse(request, response, (error?: unknown) => (error ? reject(error) : resolve())));
    const body: unknown = request.body;
    guardJson(body, options.maxDepth);
    return body;
  };
}
