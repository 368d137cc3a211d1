/**
 * Deploy: the diagram's XML (and nothing else) as a raw application/xml body to
 * POST /api/deployments. The outcome is a deployed version, a refusal listing problems by element
 * (422), a refusal for lack of permission (403), or another error.
 */
import { ApiError, postXml, type ProblemItem } from '../api.js';

interface DeploymentAnswer {
  readonly definitions: readonly { key: string; version: number; id: string }[];
  readonly duplicate?: boolean;
}

export type DeployOutcome =
  | { readonly kind: 'deployed'; readonly key: string; readonly version: number; readonly unchanged: boolean }
  | { readonly kind: 'rejected'; readonly problems: readonly ProblemItem[]; readonly message: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'failed'; readonly status: number; readonly message: string };

export async function deploy(xml: string, name: string | undefined): Promise<DeployOutcome> {
  try {
    const answer = await postXml<DeploymentAnswer>(`/api/deployments${name ? `?name=${encodeURIComponent(name)}` : ''}`, xml);
    const [definition] = answer.definitions;
    return { kind: 'deployed', key: definition?.key ?? '', version: definition?.version ?? 0, unchanged: answer.duplicate === true };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 422) return { kind: 'rejected', problems: error.errors, message: error.message };
    if (error.status === 403) return { kind: 'forbidden' };
    return { kind: 'failed', status: error.status, message: error.message };
  }
}
