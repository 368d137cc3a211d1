/**
 * Feature: a Camunda Modeler export with a collaboration, lanes, annotations and diagram data
 * loads into one graph for the executable pool; the documentation-only pool is skipped.
 */
import { readFile } from 'node:fs/promises';
import { loadModel } from '../../../engine/model/index.js';
import { summary } from './bpmn-xml.js';

const fixture = (name: string): Promise<string> => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('dossier-approval.bpmn', () => {
  it('loads the executable process with its Camunda attributes', async () => {
    const model = await loadModel(await fixture('dossier-approval.bpmn'));
    expect(model.processes.map((p) => p.id)).toEqual(['dossierApproval']);
    const graph = model.processes[0];
    if (!graph) throw new Error('no graph');
    expect(graph.name).toBe('Dossier approval');
    expect([...graph.nodes.keys()]).toEqual([
      'received',
      'checkDossier',
      'review',
      'reviewStart',
      'score',
      'specialistReview',
      'decision',
      'issueLicence',
      'done',
      'rejected',
    ]);
    const check = graph.nodes.get('checkDossier');
    expect(check?.properties).toEqual({ status: 'RECEIVED' });
    expect(check?.nameExpression?.evaluate({ dossierCode: 'HS-7' })).toBe('Check dossier HS-7');
    expect(check?.userTask?.candidateGroups.map((g) => g.source)).toEqual(['reception']);

    const review = graph.nodes.get('specialistReview')?.userTask;
    expect(review?.assignee?.evaluate({ specialist: 'binh' })).toBe('binh');
    expect(review?.candidateGroups.map((g) => g.source)).toEqual(['specialists', '${unitHeadGroup}']);
    expect(graph.nodes.get('specialistReview')?.scopeId).toBe('review');
    expect(graph.nodes.get('review')?.startEventId).toBe('reviewStart');
    expect(graph.nodes.get('score')?.scriptTask?.script.evaluate({ fee: 150 })).toBe(2);

    expect(graph.nodes.get('decision')?.defaultFlowId).toBe('Flow_Reject');
    expect(graph.flows.get('Flow_Approve')?.condition?.evaluate({ approved: true })).toBe(true);

    const call = graph.nodes.get('issueLicence')?.callActivity;
    expect(call?.inMappings.map((m) => m.kind)).toEqual(['businessKey', 'all']);
    expect(call?.outMappings).toEqual([{ kind: 'variable', source: 'licenceNumber', target: 'licenceNumber' }]);

    expect(summary(model.warnings)).toEqual(['unsupported-attribute submit camunda:class']);
  });
});
