import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEngine } from '../../../engine/index.js';
import { featureFixture } from '../../support/fixtures.js';
import { complete, openTaskElements } from '../../support/steps.js';

describe('Feature: state lives in the database, not in the server', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'motcua-file-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('Scenario: Given a waiting instance in a SQLite file, When the engine is closed and opened again, Then the instance goes on', async () => {
    const databaseUrl = `sqlite:${path.join(directory, 'nested', 'motcua.sqlite')}`;
    const first = await createEngine({ databaseUrl });
    await first.deploy(featureFixture('parallel-fork-join.bpmn'));
    const { id } = await first.startProcess('consult', { variables: { dossier: 'H22-1' } });
    await complete(first, id, 'askTax');
    await first.close();

    const second = await createEngine({ databaseUrl });
    try {
      expect(await openTaskElements(second, id)).toEqual(['askFire', 'askLand']);
      await complete(second, id, 'askFire');
      await complete(second, id, 'askLand');
      expect(await openTaskElements(second, id)).toEqual(['decide']);
      expect((await second.getProcessInstance(id)).variables).toEqual({ dossier: 'H22-1' });
    } finally {
      await second.close();
    }
  });
});
