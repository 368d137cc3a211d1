/** Writes a problem as `application/problem+json`; 5xx are logged with their error, never shown. */
import type { Request, Response } from 'express';
import { HttpProblem } from '../errors/problem.js';
import { toProblem } from '../errors/error-mapper.js';
import { requestFields } from './logging.js';

export function sendProblem(request: Request, response: Response, error: unknown): void {
  const problem = toProblem(error);
  if (problem.status >= 500) request.log?.error({ err: error, req: requestFields(request) }, 'request failed');
  if (response.headersSent) {
    response.end();
    return;
  }
  if (error instanceof HttpProblem) for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  response
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: `urn:motcua:request:${String(request.id ?? '')}` }));
}
