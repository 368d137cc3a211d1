/**
 * BPMN XML → moddle definitions (bpmn-moddle with the Camunda 7 descriptor), with every parser
 * warning turned into a problem. A deploy must not silently run less than the file says, so a
 * warning is an error whenever the parser dropped or could not link content:
 *
 * | parser warning                                       | problem                        |
 * |------------------------------------------------------|--------------------------------|
 * | document does not parse at all (not XML, not BPMN)   | error   xml-invalid            |
 * | unparsable content: duplicate ID                     | error   duplicate-id (the later element is dropped) |
 * | unparsable content: illegal ID                       | error   invalid-id             |
 * | unparsable content: unknown type / unrecognized element | error unknown-element (dropped) |
 * | unparsable content: anything else (bad attribute syntax…) | error xml-invalid (element dropped) |
 * | unknown attribute in the BPMN namespace (or unprefixed) | error unknown-attribute     |
 * | unknown attribute in the Camunda namespace           | error   unsupported-attribute (an engine feature we do not know would silently not run) |
 * | unknown attribute in another known namespace (DI…)   | warning unknown-attribute      |
 * | unresolved reference on a semantic element           | error   unresolved-reference   |
 * | unresolved reference on a diagram (bpmndi/di/dc) element | warning unresolved-reference (layout only) |
 * | unresolved <incoming>/<outgoing> of a flow node      | warning unresolved-reference (never read: flows come from sourceRef/targetRef) |
 * | unresolved errorRef / escalationRef                   | warning unresolved-reference (the text is the code, as in Camunda 7) |
 * | unsupported document encoding (falls back to UTF-8)  | warning xml-encoding (the text is already decoded) |
 * | any other warning                                    | error   xml-invalid            |
 *
 * An attribute or reference problem inside a process with isExecutable="false" is only a warning:
 * that process is documentation (e.g. a partner's pool) and never runs.
 * Attributes and elements in namespaces no descriptor knows (bpmn.io colours, Signavio metadata)
 * are kept by moddle without a warning and are ignored.
 */
import { BpmnModdle, type ModdleParseError, type ModdleParseWarning } from 'bpmn-moddle';
import { isElement, nearestId, type ModdleElement } from './moddle.js';
import { Problems, type ProblemWhere } from './problems.js';
import { normalizeXml } from './xml-normalize.js';
import { enclosingElementId } from './xml-position.js';
// An import attribute works under tsc (NodeNext), ts-jest's ESM preset, tsx and Node >= 20.10.
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import motcuaDescriptor from './motcua-moddle.json' with { type: 'json' };

const moddle = new BpmnModdle({ camunda: camundaDescriptor, motcua: motcuaDescriptor });

export interface LoadedXml {
  /** The bpmn:Definitions element, or undefined when the document could not be read at all. */
  readonly definitions?: ModdleElement;
  /** Elements with a reference that could not be resolved (already reported). */
  readonly unresolved: ReadonlySet<ModdleElement>;
  /** errorRef/escalationRef texts that name no element: Camunda 7 takes the text as the code. */
  readonly danglingCodes: ReadonlyMap<ModdleElement, string>;
  readonly problems: Problems;
}

export async function loadXml(xml: string, problems: Problems = new Problems()): Promise<LoadedXml> {
  const unresolved = new Set<ModdleElement>();
  const danglingCodes = new Map<ModdleElement, string>();
  if (typeof xml !== 'string' || xml.trim() === '') {
    problems.error('xml-invalid', 'The document is empty.');
    return { unresolved, danglingCodes, problems };
  }
  const text = normalizeXml(xml);
  try {
    const result = await moddle.fromXML(text, 'bpmn:Definitions');
    for (const warning of result.warnings) classify(warning, text, problems, unresolved, danglingCodes);
    const root = result.rootElement;
    return isElement(root) ? { definitions: root, unresolved, danglingCodes, problems } : { unresolved, danglingCodes, problems };
  } catch (err) {
    const failure = err as ModdleParseError;
    const reasons = (failure.warnings ?? []).map((w) => nestedError(w.message) ?? w.message);
    const first = nestedError(failure.message) ?? failure.message;
    const detail = [first, ...reasons.filter((r) => r !== first)].join('; ');
    problems.error('xml-invalid', `The document is not a readable BPMN 2.0 file: ${detail}`);
    return { unresolved, danglingCodes, problems };
  }
}

const UNPARSABLE = /^unparsable content (?:(\S+) )?detected\s+line: (\d+)\s+column: (\d+)\s+nested error: (.*)$/s;

function classify(
  warning: ModdleParseWarning,
  xml: string,
  problems: Problems,
  unresolved: Set<ModdleElement>,
  danglingCodes: Map<ModdleElement, string>,
): void {
  const message = warning.message;
  const element = isElement(warning.element) ? warning.element : undefined;

  const unparsable = UNPARSABLE.exec(message);
  if (unparsable) {
    const [, tag = 'content', lineText, columnText, nested = ''] = unparsable;
    const line = Number(lineText);
    const column = Number(columnText);
    const where = `${tag} at line ${line + 1}, column ${column + 1}`;
    const elementId = enclosingElementId(xml, line, column);
    const duplicate = /^duplicate ID <(.*)>$/.exec(nested);
    if (duplicate) {
      problems.error('duplicate-id', `The id '${duplicate[1]}' is used by more than one element; ${where} was dropped.`, {
        elementId: duplicate[1],
      });
    } else if (/^illegal ID </.test(nested)) {
      problems.error('invalid-id', `${where} has an id that is not a valid XML name (${nested}).`, { elementId });
    } else if (/^(unknown type|unrecognized element) </.test(nested)) {
      problems.error('unknown-element', `${where} is not a BPMN element known at this place (${nested}); it would be ignored.`, {
        elementId,
      });
    } else {
      problems.error('xml-invalid', `${where} cannot be read completely (${nested}); what cannot be read would be ignored.`, {
        elementId,
      });
    }
    return;
  }

  const report = inNonExecutableProcess(element)
    ? (code: string, text: string, where: ProblemWhere) => problems.warn(code, `${text} (in a process that is not executable)`, where)
    : (code: string, text: string, where: ProblemWhere) => problems.error(code, text, where);

  const unknownAttribute = /^unknown attribute <(.*)>$/.exec(message);
  if (unknownAttribute) {
    const name = warning.property ?? unknownAttribute[1] ?? '';
    const elementId = nearestId(element);
    const on = element ? `<${element.$type}>` : 'the element';
    const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : 'bpmn';
    if (prefix === 'camunda' || prefix === 'motcua') {
      const whose = prefix === 'camunda' ? 'a Camunda attribute this engine knows' : 'an attribute of the motcua extension';
      report('unsupported-attribute', `${name} on ${on} is not ${whose}; it would not run.`, {
        elementId,
        attribute: name,
      });
    } else if (prefix === 'bpmn') {
      report('unknown-attribute', `${name} is not a BPMN attribute of ${on}.`, { elementId, attribute: name });
    } else {
      problems.warn('unknown-attribute', `${name} is not an attribute of ${on}; it is ignored.`, { elementId, attribute: name });
    }
    return;
  }

  const unresolvedRef = /^unresolved reference <(.*)>$/.exec(message);
  if (unresolvedRef) {
    const attribute = (warning.property ?? '').replace(/^(bpmn|bpmndi|di|dc):/, '') || undefined;
    const elementId = nearestId(element);
    const text = `${attribute ?? 'A reference'} refers to '${unresolvedRef[1]}', which is not an element of this document.`;
    if (element && /^(bpmndi|di|dc):/.test(element.$type)) {
      problems.warn('unresolved-reference', `Diagram element: ${text}`, { elementId, attribute });
    } else if (element && (attribute === 'errorRef' || attribute === 'escalationRef')) {
      danglingCodes.set(element, unresolvedRef[1]!);
      problems.warn('unresolved-reference', `${text} It is taken as the ${attribute === 'errorRef' ? 'error' : 'escalation'} code, as Camunda 7 does.`, {
        elementId,
        attribute,
      });
    } else if (attribute === 'incoming' || attribute === 'outgoing') {
      problems.warn('unresolved-reference', `${text} It is ignored: flows are read from their sourceRef and targetRef.`, {
        elementId,
        attribute,
      });
    } else {
      if (element) unresolved.add(element);
      report('unresolved-reference', text, { elementId, attribute });
    }
    return;
  }

  if (/^unsupported document encoding/.test(message)) {
    problems.warn('xml-encoding', message);
    return;
  }

  problems.error('xml-invalid', message, { elementId: nearestId(element) });
}

function inNonExecutableProcess(element: ModdleElement | undefined): boolean {
  for (let cur = element; cur; cur = cur.$parent) {
    if (cur.$type === 'bpmn:Process') return cur.get('isExecutable') === false;
  }
  return false;
}

function nestedError(message: string): string | undefined {
  const m = /nested error: (.*)$/s.exec(message);
  return m?.[1]?.trim();
}
