/**
 * The dossier status a flow node sets (motcua:dossierStatus, DOMAIN.md's codes 1–10), as a select
 * labelled in the UI language. Every flow node may carry it.
 */
import { h } from '@bpmn-io/properties-panel/preact';
import { isSelectEntryEdited, SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { DOSSIER_STATUS_CODES, dossierStatusLabel } from '../dossier-status.js';
import type { Entry, Translate } from './types.js';

function DossierStatus({ element, id }: { element: Element; id: string }) {
  const translate = useService<Translate>('translate');
  const modeling = useService<Modeling>('modeling');
  const bo = getBusinessObject(element);
  return h(SelectEntry, {
    element, id,
    label: translate('Dossier status'),
    getValue: () => {
      const value = bo.get('motcua:dossierStatus') as number | undefined;
      return value === undefined ? '' : String(value);
    },
    setValue: (value: string | undefined) => modeling.updateProperties(element, { 'motcua:dossierStatus': value ? Number(value) : undefined }),
    getOptions: () => [{ value: '', label: translate('<none>') }, ...DOSSIER_STATUS_CODES.map((code) => ({ value: String(code), label: dossierStatusLabel(code) }))],
  });
}

export function dossierStatusEntries(element: Element): Entry[] {
  if (!is(element, 'bpmn:FlowNode')) return [];
  return [{ id: 'motcua-dossierStatus', element, component: DossierStatus, isEdited: isSelectEntryEdited }];
}
