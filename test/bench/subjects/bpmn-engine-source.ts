/**
 * bpmn-engine set up the fastest documented way for many instances: the XML is parsed and
 * serialized once per model (moddle-context-serializer, as bpmn-engine does internally) and each
 * instance's Engine gets that `sourceContext`, so no instance re-parses XML; its debug logger is
 * replaced by a silent one. This is the counterpart of motcua's deploy-once.
 */
import * as elements from 'bpmn-elements';
import { BpmnModdle } from 'bpmn-moddle';
import serializer, { TypeResolver, type SerializableContext } from 'moddle-context-serializer';

export async function bpmnEngineSourceContext(xml: string): Promise<SerializableContext> {
  const moddleContext = await new BpmnModdle().fromXML(xml);
  // bpmn-moddle 10 (ours) and the one nested under bpmn-engine differ only in their type declarations.
  return serializer(moddleContext as never, TypeResolver(elements as never));
}

const silent = () => undefined;
export const silentLogger = () => ({ debug: silent, error: silent, warn: silent });
