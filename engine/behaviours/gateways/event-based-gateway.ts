/**
 * Event-based gateway (§10.6.6): the token waits at the gateway while every event after it is armed
 * (timers, message and signal subscriptions). The first to happen wins: the gateway completes, the
 * other events are disarmed, and the token passes to the winning event, which completes at once.
 * The runner does the arming and the race (token-runner.ts, eventHappens).
 */
import type { ElementBehaviour } from '../behaviour.js';

export const eventBasedGateway: ElementBehaviour = {
  activate: () => [{ kind: 'waitForEvent' }],
};
