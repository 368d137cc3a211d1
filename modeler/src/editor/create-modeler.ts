/**
 * The bpmn-js Modeler as the editor uses it: the properties panel with the BPMN and Camunda Platform
 * providers, camunda-bpmn-js-behaviors, the camunda and motcua moddle extensions (the motcua
 * descriptor is the engine's own file, engine/model/motcua-moddle.json), our "Administrative
 * procedure" group, live bpmnlint checks, the UI language's translate module, and the keeping of
 * the DI bpmn-js does not draw (keep-undrawn-di.ts).
 */
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import lintModule from 'bpmn-js-bpmnlint';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import motcuaModdle from '../../../engine/model/motcua-moddle.json';
import { translateModule } from '../i18n.js';
import { lintConfig } from '../lint/lint-config.js';
import { procedurePropertiesModule } from '../properties/procedure-properties-provider.js';
import { keepUndrawnDiModule } from './keep-undrawn-di.js';
import type { Lookups } from '../properties/lookups.js';

export const MODDLE_EXTENSIONS = { camunda: camundaModdle, motcua: motcuaModdle };

export function createModeler(canvas: HTMLElement, propertiesPanel: HTMLElement, lookups: Lookups): Modeler {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: propertiesPanel },
    linting: { active: true, bpmnlint: lintConfig },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      lintModule,
      procedurePropertiesModule,
      translateModule,
      keepUndrawnDiModule,
      { motcuaLookups: ['value', lookups] },
    ],
    moddleExtensions: MODDLE_EXTENSIONS,
  });
}
