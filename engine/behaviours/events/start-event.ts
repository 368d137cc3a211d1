/**
 * None start event (BPMN 2.0 §10.5.2): the token leaves at once. Conditional flows leaving a start
 * event are evaluated like those of an activity (Camunda's InclusiveGatewayTest.testMergingInclusiveGateway).
 */
import type { ElementBehaviour } from '../behaviour.js';

export const startEvent: ElementBehaviour = {
  activate: () => [{ kind: 'leave' }],
};
