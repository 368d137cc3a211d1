/** Reads BPMN fixtures: the project's own, and the shared conformance material beside the checkout. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const conformanceRoot = path.resolve(repoRoot, '..', 'shared', 'conformance');

/** A fixture of the feature tests, by file name. */
export const featureFixture = (name: string): string =>
  readFileSync(path.join(repoRoot, 'test', 'engine', 'features', 'fixtures', name), 'utf8');

/** A file of the shared conformance folder, by its path inside that folder. */
export const conformanceFile = (relativePath: string): string => readFileSync(path.join(conformanceRoot, relativePath), 'utf8');
