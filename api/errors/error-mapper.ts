/**
 * THE mapping from anything thrown to a problem: HttpProblem as it is; the engine's typed errors
 * (engine/errors.ts) by class and code; body-parser's errors (malformed JSON, too large, wrong
 * charset); anything else is a 500 whose detail says nothing about the internals (the log has the
 * stack, keyed by the request id). Route handlers just throw; the registry calls toProblem().
 */
import {
  ConflictError,
  DeploymentError,
  InvalidInputError,
  NotFoundError,
  OptimisticLockError,
  ProcessExecutionError,
} from '../../engine/index.js';
import { HttpProblem, problem, type Problem } from './problem.js';

/** body-parser (express.json) marks its errors with `type` and `status`. */
interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

function bodyParserProblem(error: BodyParserError): Problem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return problem(400, 'malformed-json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return problem(413, 'body-too-large', 'The request body is larger than this server accepts');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problem(415, 'unsupported-encoding', 'The request body uses a character set or encoding this server does not read');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return problem(400, 'bad-body', 'The request body could not be read');
    default:
      return undefined;
  }
}

/** Maps any error to the problem the caller gets. `isServerError` says whether to log it as a fault. */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) return problem(error.status, error.code, error.detail, error.errors);
  if (error instanceof NotFoundError) return problem(404, 'not-found', error.message);
  if (error instanceof OptimisticLockError) {
    return problem(409, 'concurrent-modification', 'Somebody else changed this at the same time; read it again and retry');
  }
  if (error instanceof ConflictError) return problem(409, error.code, error.message);
  if (error instanceof DeploymentError) {
    return problem(
      422,
      error.code,
      'The model cannot be deployed',
      error.problems.map((p) => ({
        ...(p.elementId ? { elementId: p.elementId } : {}),
        ...(p.attribute ? { field: p.attribute } : {}),
        code: p.code,
        message: p.message,
      })),
    );
  }
  if (error instanceof ProcessExecutionError) {
    return problem(422, error.code, error.message, [{ elementId: error.elementId, code: error.code, message: error.message }]);
  }
  if (error instanceof InvalidInputError) return problem(422, error.code, error.message, [{ field: error.field, message: error.message }]);
  if (error && typeof error === 'object') {
    const parsed = bodyParserProblem(error as BodyParserError);
    if (parsed) return parsed;
  }
  return problem(500, 'internal-error', 'Something went wrong on the server; quote the request id when reporting it');
}
