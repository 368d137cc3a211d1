/**
 * Conformance: the Camunda 7 engine's own test models (gateway/, subprocess/ with transaction/,
 * callactivity/, event/timer/, event/message/, event/signal/ and receivetask/) read from the shared
 * conformance folder, never copied into the project. Every file either loads or is refused with a ModelValidationError whose problems each
 * name an element id or attribute and a reason; nothing crashes. Each group of folders has a counts
 * table that pins the current outcome: a change in it means the loader's behaviour changed, and the
 * table must be updated on purpose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, ModelValidationError, type ModelProblem } from '../../engine/model/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const camundaRoot = path.resolve(repoRoot, '..', 'shared', 'conformance', 'camunda', 'bpmn');
const FOLDERS = [
  'gateway',
  'subprocess',
  'callactivity',
  'event/timer',
  'event/message',
  'event/signal',
  'receivetask',
  'event/error',
  'event/escalation',
  'event/compensate',
  'event/conditional',
  'event/end',
  'event/link',
  'event/start',
  'multiinstance',
];

interface Outcome {
  readonly file: string;
  readonly xml: string;
  readonly loaded: boolean;
  readonly problems: readonly ModelProblem[];
  readonly crash?: unknown;
}

function listModels(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return listModels(full);
      return /\.(bpmn|bpmn20\.xml)$/.test(name) ? [full] : [];
    });
}

async function loadAll(folders: readonly string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const folder of folders) {
    for (const full of listModels(path.join(camundaRoot, folder))) {
      const file = path.relative(camundaRoot, full);
      const xml = readFileSync(full, 'utf8');
      try {
        await loadModel(xml);
        outcomes.push({ file, xml, loaded: true, problems: [] });
      } catch (err) {
        if (err instanceof ModelValidationError) outcomes.push({ file, xml, loaded: false, problems: err.problems });
        else outcomes.push({ file, xml, loaded: false, problems: [], crash: err });
      }
    }
  }
  return outcomes;
}

/**
 * Rejected files per problem code (a file counts once under each code it has), and the files
 * rejected for one code only (what would load if that one rule or feature changed).
 */
function countTable(outcomes: readonly Outcome[]): Record<string, number> {
  const table: Record<string, number> = {
    files: outcomes.length,
    loaded: outcomes.filter((o) => o.loaded).length,
    rejected: outcomes.filter((o) => !o.loaded).length,
  };
  const byCode = new Map<string, number>();
  for (const outcome of outcomes) {
    for (const code of new Set(outcome.problems.map((p) => p.code))) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const onlyCode = new Map<string, number>();
  for (const outcome of outcomes) {
    const codes = new Set(outcome.problems.map((p) => p.code));
    const [code] = codes;
    if (codes.size === 1 && code) onlyCode.set(code, (onlyCode.get(code) ?? 0) + 1);
  }
  const sorted = (map: Map<string, number>): [string, number][] => [...map].sort(([a], [b]) => a.localeCompare(b));
  for (const [code, count] of sorted(byCode)) table[`rejected: ${code}`] = count;
  for (const [code, count] of sorted(onlyCode)) table[`rejected only for: ${code}`] = count;
  return table;
}

const withoutComments = (xml: string): string => xml.replace(/<!--[\s\S]*?-->/g, '');

/**
 * The outcome today for gateway/, subprocess/ and callactivity/. Of the rejections:
 * missing-condition is a diverging gateway with no condition on any outgoing flow and no default
 * (Camunda 7 would take every flow); expression-syntax is bean method calls (`${order.isBasic()}`),
 * which the JUEL subset does not have; timer-definition is a cron timeCycle (only ISO 8601
 * repeating intervals are supported); message-definition is a receive task without messageRef
 * (a wait state Camunda 7 leaves by an API trigger), all in transaction/ models that are refused
 * for the transaction as well; the rest are features the engine does not run. Timer boundary
 * events load, so the sub-process and call-activity models with a timer on them do; error and
 * escalation end events and boundary events load; event-based gateways, event sub-processes and
 * multi-instance activities load; event-based-gateway is EventBasedGatewayTest.testEventInvalidSequenceFlow, which
 * Camunda 7 refuses too (a catch event after the gateway with another incoming flow).
 */
const EXPECTED_TABLE: Record<string, number> = {
  files: 189,
  loaded: 102,
  rejected: 87,
  'rejected: event-based-gateway': 1,
  'rejected: expression-syntax': 3,
  'rejected: message-definition': 6,
  'rejected: missing-condition': 5,
  'rejected: timer-definition': 2,
  'rejected: unsupported-attribute': 73,
  'rejected: unsupported-element': 25,
  'rejected only for: event-based-gateway': 1,
  'rejected only for: expression-syntax': 3,
  'rejected only for: missing-condition': 5,
  'rejected only for: timer-definition': 2,
  'rejected only for: unsupported-attribute': 51,
  'rejected only for: unsupported-element': 3,
};

/**
 * The outcome today for event/timer/. Of the rejections: timer-definition is a cron timeCycle
 * ("0 0/5 * * * ?"), refused in favour of ISO 8601 repeating intervals; expression-syntax is a bean
 * method call in a timeCycle; message-definition is a receive task without messageRef (most
 * StartTimerEventTest models wait in one: they are refused for that alone); unsupported-element is
 * service tasks other than external ones and intermediate throw events the engine cannot send;
 * unsupported-attribute is camunda:class. Timer start events of event sub-processes load.
 */
const EXPECTED_TIMER_TABLE: Record<string, number> = {
  files: 66,
  loaded: 30,
  rejected: 36,
  'rejected: expression-syntax': 1,
  'rejected: message-definition': 11,
  'rejected: timer-definition': 9,
  'rejected: unsupported-attribute': 20,
  'rejected: unsupported-element': 20,
  'rejected only for: expression-syntax': 1,
  'rejected only for: message-definition': 8,
  'rejected only for: timer-definition': 4,
};

/**
 * The outcome today for event/message/. Of the rejections: message-definition is the models Camunda
 * 7 refuses too (a message without a name, two start events or two boundary events on one task
 * waiting for one message name, an expression in a message start event's name);
 * unsupported-element is message throw events (no send implementation); message start events of
 * event sub-processes and multi-instance activities load; event-based-gateway is a gateway
 * leading to a catch event that another flow leads to as well; unsupported-attribute is execution
 * listeners and camunda:class on a message throw event.
 */
const EXPECTED_MESSAGE_TABLE: Record<string, number> = {
  files: 60,
  loaded: 46,
  rejected: 14,
  'rejected: event-based-gateway': 1,
  'rejected: message-definition': 6,
  'rejected: unsupported-attribute': 6,
  'rejected: unsupported-element': 2,
  'rejected only for: event-based-gateway': 1,
  'rejected only for: message-definition': 6,
  'rejected only for: unsupported-attribute': 5,
  'rejected only for: unsupported-element': 1,
};

/**
 * The outcome today for event/signal/. Of the rejections: signal-definition is the models Camunda 7
 * refuses too (a signal without a name, an event without signalRef, two signal start events with
 * one signal) and an expression in a signal start event's name (Camunda 7 evaluates it without
 * variables; here a start event's name must be plain text); message-definition is a receive task
 * without messageRef; unsupported-attribute is mostly signal payloads (camunda:in on the
 * signalEventDefinition), then execution listeners, camunda:class and camunda:inputOutput;
 * unsupported-element is mostly signal end events. Signal start events of event sub-processes load.
 */
const EXPECTED_SIGNAL_TABLE: Record<string, number> = {
  files: 46,
  loaded: 24,
  rejected: 22,
  'rejected: message-definition': 1,
  'rejected: signal-definition': 5,
  'rejected: unsupported-attribute': 14,
  'rejected: unsupported-element': 10,
  'rejected only for: message-definition': 1,
  'rejected only for: signal-definition': 4,
  'rejected only for: unsupported-attribute': 7,
  'rejected only for: unsupported-element': 3,
};

/**
 * The outcome today for receivetask/. Multi-instance receive tasks and sub-processes load. Of the
 * rejections: unsupported-element is compensation; message-definition is a receive task
 * without messageRef (a wait state Camunda 7 leaves by an API trigger).
 */
const EXPECTED_RECEIVE_TASK_TABLE: Record<string, number> = {
  files: 10,
  loaded: 7,
  rejected: 3,
  'rejected: message-definition': 2,
  'rejected: unsupported-element': 1,
  'rejected only for: message-definition': 2,
  'rejected only for: unsupported-element': 1,
};

/**
 * The outcome today for the other event folders and multiinstance/. Multi-instance activities and
 * event sub-processes (error, escalation, message, signal and timer starts) load. Most refusals
 * are what the engine does not run: compensation, conditional and link events, service tasks
 * (camunda:class, delegate expressions); multi-instance is one model with a standard BPMN
 * inputDataItem; message-definition is receive tasks without messageRef; start-event is processes whose only start events are in that list; a few
 * models are malformed on purpose (missing or invalid ids, unresolved references).
 */
const EXPECTED_OTHER_EVENTS_TABLE: Record<string, number> = {
  files: 339,
  loaded: 170,
  rejected: 169,
  'rejected: expression-syntax': 1,
  'rejected: invalid-id': 2,
  'rejected: message-definition': 22,
  'rejected: missing-id': 1,
  'rejected: multi-instance': 1,
  'rejected: start-event': 6,
  'rejected: unresolved-reference': 2,
  'rejected: unsupported-attribute': 98,
  'rejected: unsupported-element': 140,
  'rejected only for: expression-syntax': 1,
  'rejected only for: invalid-id': 2,
  'rejected only for: missing-id': 1,
  'rejected only for: unsupported-attribute': 18,
  'rejected only for: unsupported-element': 54,
};

interface Group {
  readonly folders: readonly string[];
  /** At least this many files: the folders were found and read. */
  readonly minFiles: number;
  /** At least this many files use camunda:class (all must be rejected for it). */
  readonly minClassUsers: number;
  readonly mustLoad: readonly string[];
  /** Models Camunda 7 itself refuses to deploy, each with a problem code it must be refused with. */
  readonly mustReject?: readonly (readonly [file: string, code: string])[];
  readonly expected: Record<string, number>;
}

const GROUPS: readonly Group[] = [
  {
    folders: ['gateway', 'subprocess', 'callactivity'],
    minFiles: 150,
    minClassUsers: 10,
    mustLoad: [
      'gateway/ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml',
      'gateway/ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml',
      'gateway/ParallelGatewayTest.testForkJoin.bpmn20.xml',
      'gateway/InclusiveGatewayTest.testDivergingInclusiveGateway.bpmn20.xml',
      'gateway/InclusiveGatewayTest.testMergingInclusiveGateway.bpmn20.xml',
      'gateway/EventBasedGatewayTest.throwAlertSignal.bpmn20.xml',
      'subprocess/SubProcessTest.testSimpleSubProcess.bpmn20.xml',
      'subprocess/SubProcessTest.testSimpleSubProcessWithTimer.bpmn20.xml',
      'callactivity/CallActivity.testCallSimpleSubProcess.bpmn20.xml',
      'callactivity/CallActivity.testTimerOnCallActivity.bpmn20.xml',
      'callactivity/simpleSubProcess.bpmn20.xml',
    ],
    expected: EXPECTED_TABLE,
  },
  {
    folders: ['event/timer'],
    minFiles: 60,
    minClassUsers: 10,
    mustLoad: [
      'event/timer/BoundaryTimerNonInterruptingEventTest.testJoin.bpmn20.xml',
      'event/timer/BoundaryTimerEventTest.testMultipleTimersOnUserTask.bpmn20.xml',
      'event/timer/IntermediateTimerEventTest.testCatchingTimerEvent.bpmn20.xml',
      'event/timer/BoundaryTimerEventTest.testExpressionOnTimer.bpmn20.xml',
      'event/timer/BoundaryTimerNonInterruptingEventTest.testTimerWithCycle.bpmn20.xml',
      'event/timer/BoundaryTimerNonInterruptingEventTest.testTimerOnEmbeddedSubprocess.bpmn20.xml',
    ],
    expected: EXPECTED_TIMER_TABLE,
  },
  {
    folders: ['event/message'],
    minFiles: 55,
    minClassUsers: 1,
    mustLoad: [
      'event/message/MessageIntermediateEventTest.testSingleIntermediateMessageEvent.bpmn20.xml',
      'event/message/MessageIntermediateEventTest.testExpressionInSingleIntermediateMessageEvent.bpmn20.xml',
      'event/message/MessageBoundaryEventTest.testSingleBoundaryMessageEvent.bpmn20.xml',
      'event/message/MessageBoundaryEventTest.testBoundaryMessageEventOnSubprocess.bpmn20.xml',
      'event/message/MessageNonInterruptingBoundaryEventTest.testNonInterruptingEventInCombinationWithReceiveTask.bpmn20.xml',
      'event/message/MessageStartEventTest.testSingleMessageStartEvent.bpmn20.xml',
      'event/message/MessageStartEventTest.testMultipleMessageStartEvents.bpmn20.xml',
      'event/message/MessageStartEventTest.testMessageStartEventAndNoneStartEvent.bpmn20.xml',
    ],
    mustReject: [
      ['event/message/MessageIntermediateEventTest.testEmptyMessageNameFails.bpmn20.xml', 'message-definition'],
      ['event/message/MessageStartEventTest.testEmptyMessageNameFails.bpmn20.xml', 'message-definition'],
      ['event/message/testSameMessageNameInSameProcessFails.bpmn20.xml', 'message-definition'],
      ['event/message/MessageBoundaryEventTest.testDoubleBoundaryMessageEventSameMessageId.bpmn20.xml', 'message-definition'],
      ['event/message/MessageStartEventTest.testUsingExpressionWithDollarTagInMessageStartEventNameThrowsException.bpmn20.xml', 'message-definition'],
      ['event/message/MessageStartEventTest.testUsingExpressionWithHashTagInMessageStartEventNameThrowsException.bpmn20.xml', 'message-definition'],
    ],
    expected: EXPECTED_MESSAGE_TABLE,
  },
  {
    folders: ['event/signal'],
    minFiles: 40,
    minClassUsers: 4,
    mustLoad: [
      'event/signal/SignalEventTests.catchAlertSignal.bpmn20.xml',
      'event/signal/SignalEventTests.catchAlertSignalBoundary.bpmn20.xml',
      'event/signal/SignalEventTests.throwAlertSignal.bpmn20.xml',
      'event/signal/SignalEventTest.signalStartEvent.bpmn20.xml',
      'event/signal/SignalEventTest.testSignalBoundaryOnSubProcess.bpmn20.xml',
      'event/signal/SignalEventTest.testNonInterruptingSignal.bpmn20.xml',
      'event/signal/SignalEventExpressionNameTest.testSignalCatchIntermediate.bpmn20.xml',
      'event/signal/SignalEventExpressionNameTest.testSignalThrowIntermediate.bpmn20.xml',
    ],
    mustReject: [
      ['event/signal/InvalidProcessWithNoSignalName.bpmn20.xml', 'signal-definition'],
      ['event/signal/InvalidProcessWithSignalNoRef.bpmn20.xml', 'signal-definition'],
      ['event/signal/InvalidProcessWithMultipleSignalStartEvents.bpmn20.xml', 'signal-definition'],
    ],
    expected: EXPECTED_SIGNAL_TABLE,
  },
  {
    folders: ['receivetask'],
    minFiles: 10,
    minClassUsers: 0,
    mustLoad: [
      'receivetask/ReceiveTaskTest.singleReceiveTask.bpmn20.xml',
      'receivetask/ReceiveTaskTest.parallelGatewayReceiveTask.bpmn20.xml',
      'receivetask/ReceiveTaskTest.subProcessReceiveTask.bpmn20.xml',
    ],
    expected: EXPECTED_RECEIVE_TASK_TABLE,
  },
  {
    folders: ['event/error', 'event/escalation', 'event/compensate', 'event/conditional', 'event/end', 'event/link', 'event/start', 'multiinstance'],
    minFiles: 150,
    minClassUsers: 10,
    mustLoad: [
      'event/error/BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess.bpmn20.xml',
      'multiinstance/MultiInstanceTest.testParallelSubProcessCompletionCondition.bpmn20.xml',
      'multiinstance/MultiInstanceTest.testNestedParallelSubProcess.bpmn20.xml',
      'event/error/BoundaryErrorEventTest.testCatchErrorOnSubprocessThrownByNonInterruptingEventSubprocess.bpmn20.xml',
      'multiinstance/MultiInstanceTest.sequentialUserTasks.bpmn20.xml',
      'multiinstance/MultiInstanceTest.testParallelUserTasks.bpmn20.xml',
    ],
    expected: EXPECTED_OTHER_EVENTS_TABLE,
  },
];

it('covers every folder in FOLDERS with one group', () => {
  expect(GROUPS.flatMap((g) => g.folders)).toEqual(FOLDERS);
});

describe.each(GROUPS.map((group) => [group.folders.join(', '), group] as const))('Camunda 7 test models: %s', (_name, group) => {
  let outcomes: Outcome[] = [];
  beforeAll(async () => {
    outcomes = await loadAll(group.folders);
  });

  it('finds the models', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(group.minFiles);
  });

  it('never crashes: every file loads or is rejected with a ModelValidationError', () => {
    const crashes = outcomes.filter((o) => o.crash !== undefined).map((o) => `${o.file}: ${String(o.crash)}`);
    expect(crashes).toEqual([]);
  });

  it('names an element id or attribute and a reason in every problem', () => {
    const vague = outcomes.flatMap((o) =>
      o.problems
        .filter((p) => (!p.elementId && !p.attribute) || p.message.length < 20 || !p.code)
        .map((p) => `${o.file}: ${JSON.stringify(p)}`),
    );
    expect(vague).toEqual([]);
  });

  it('loads the models the engine is expected to run', () => {
    const notLoaded = group.mustLoad.filter((file) => !outcomes.find((o) => o.file === file)?.loaded);
    expect(notLoaded).toEqual([]);
  });

  it('rejects the models Camunda 7 refuses, for the same reason', () => {
    const wrong = (group.mustReject ?? [])
      .filter(([file, code]) => {
        const outcome = outcomes.find((o) => o.file === file);
        return !outcome || outcome.loaded || !outcome.problems.some((p) => p.code === code);
      })
      .map(([file, code]) => `${file} (${code})`);
    expect(wrong).toEqual([]);
  });

  it('rejects every model that uses camunda:class, naming that attribute', () => {
    const usesClass = outcomes.filter((o) => withoutComments(o.xml).includes('camunda:class='));
    expect(usesClass.length).toBeGreaterThanOrEqual(group.minClassUsers);
    const wrong = usesClass
      .filter(
        (o) =>
          o.loaded ||
          !o.problems.some(
            (p) => p.code === 'unsupported-attribute' && (p.attribute === 'camunda:class' || p.message.includes('camunda:class')),
          ),
      )
      .map((o) => o.file);
    expect(wrong).toEqual([]);
  });

  it('matches the table of outcomes', () => {
    const table = countTable(outcomes);
    // Printed so that a run shows the current state of conformance at a glance.
    console.log(
      `Camunda models (${group.folders.join(', ')}):\n${Object.entries(table)
        .map(([key, count]) => `  ${key.padEnd(40)} ${String(count).padStart(4)}`)
        .join('\n')}`,
    );
    expect(table).toEqual(group.expected);
  });
});
