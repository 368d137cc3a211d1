/** Which behaviour runs each element type the model loader accepts. */
import type { ElementType } from '../model/graph.js';
import type { ElementBehaviour } from './behaviour.js';
import { startEvent } from './events/start-event.js';
import { endEvent } from './events/end-event.js';
import { intermediateThrowEvent } from './events/intermediate-throw-event.js';
import { userTask } from './tasks/user-task.js';
import { passThroughTask } from './tasks/pass-through-task.js';
import { scriptTask } from './tasks/script-task.js';
import { exclusiveGateway } from './gateways/exclusive-gateway.js';
import { parallelGateway } from './gateways/parallel-gateway.js';
import { inclusiveGateway } from './gateways/inclusive-gateway.js';
import { subProcess } from './containers/sub-process.js';
import { callActivity } from './containers/call-activity.js';
import { intermediateCatchEvent } from './events/intermediate-catch-event.js';
import { boundaryEvent } from './events/boundary-event.js';
import { receiveTask } from './tasks/receive-task.js';
import { eventBasedGateway } from './gateways/event-based-gateway.js';
import { externalTask } from './tasks/external-task.js';

export const BEHAVIOURS: Readonly<Record<ElementType, ElementBehaviour>> = {
  startEvent,
  endEvent,
  intermediateThrowEvent,
  userTask,
  manualTask: passThroughTask,
  task: passThroughTask,
  scriptTask,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  subProcess,
  callActivity,
  intermediateCatchEvent,
  boundaryEvent,
  receiveTask,
  eventBasedGateway,
  serviceTask: externalTask,
};

export const isGateway = (type: ElementType): boolean =>
  type === 'exclusiveGateway' || type === 'parallelGateway' || type === 'inclusiveGateway';
