/**
 * Script task (§10.3.3) with a FEEL script: the script is evaluated when the token arrives, its
 * value is stored in camunda:resultVariable (if set), and the token leaves. Only FEEL runs; other
 * script formats are rejected at deploy.
 */
import type { ElementBehaviour } from '../behaviour.js';

export const scriptTask: ElementBehaviour = {
  activate(context) {
    const props = context.node.scriptTask;
    if (!props) throw new Error(`${context.node.id} has no script`);
    const value = context.evaluate(props.script, 'script');
    const effects = [];
    if (props.resultVariable) {
      effects.push({ kind: 'setVariables' as const, values: new Map([[props.resultVariable, value ?? null]]) });
    }
    effects.push({ kind: 'leave' as const });
    return effects;
  },
};
