/**
 * Diagrams for the modeler bench: a 500-element process (start, 248 tasks, end, 249 flows and the
 * process) laid out in rows, and a one-step process whose user task the monitoring part fills.
 */
const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:motcua="http://motcua.vn/schema/bpmn/1.0" id="Definitions_bench" targetNamespace="http://motcua.vn/bench">`;

/** `tasks` tasks in a chain between a start and an end event: tasks * 2 + 4 elements with the process. */
export function chainDiagram(tasks = 248): string {
  const nodes = [{ id: 'start', tag: 'startEvent', w: 36, h: 36 }, ...Array.from({ length: tasks }, (_, i) => ({ id: `task${i}`, tag: 'task', w: 100, h: 80 })), { id: 'end', tag: 'endEvent', w: 36, h: 36 }];
  const position = (index: number) => ({ x: 100 + (index % 20) * 160, y: 100 + Math.floor(index / 20) * 140 });
  const centre = (index: number) => {
    const { x, y } = position(index);
    return { x: x + nodes[index]!.w / 2, y: y + nodes[index]!.h / 2 };
  };
  const semantic = nodes.map((node, i) => {
    const incoming = i > 0 ? `<bpmn:incoming>f${i - 1}</bpmn:incoming>` : '';
    const outgoing = i < nodes.length - 1 ? `<bpmn:outgoing>f${i}</bpmn:outgoing>` : '';
    return `<bpmn:${node.tag} id="${node.id}" name="${node.id}">${incoming}${outgoing}</bpmn:${node.tag}>`;
  });
  const flows = nodes.slice(0, -1).map((node, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${node.id}" targetRef="${nodes[i + 1]!.id}" />`);
  const shapes = nodes.map((node, i) => {
    const { x, y } = position(i);
    return `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"><dc:Bounds x="${x}" y="${y}" width="${node.w}" height="${node.h}" /></bpmndi:BPMNShape>`;
  });
  const edges = nodes.slice(0, -1).map((_, i) => {
    const [a, b] = [centre(i), centre(i + 1)];
    return `<bpmndi:BPMNEdge id="f${i}_di" bpmnElement="f${i}"><di:waypoint x="${a.x}" y="${a.y}" /><di:waypoint x="${b.x}" y="${b.y}" /></bpmndi:BPMNEdge>`;
  });
  return `${HEADER}
<bpmn:process id="bench_chain" isExecutable="false">${semantic.join('')}${flows.join('')}</bpmn:process>
<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="bench_chain">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

export const WAIT_KEY = 'bench_waiting';
export const WAIT_ELEMENT = 'wait';

/** start → one user task (the one-stop role) → end. */
export function waitingDiagram(): string {
  return `${HEADER}
<bpmn:process id="${WAIT_KEY}" name="Bench: waiting dossiers" isExecutable="true">
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:userTask id="${WAIT_ELEMENT}" name="Tiếp nhận" camunda:candidateGroups="mot_cua" motcua:allowanceHours="4"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
  <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${WAIT_ELEMENT}" />
  <bpmn:sequenceFlow id="f2" sourceRef="${WAIT_ELEMENT}" targetRef="end" />
</bpmn:process>
<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${WAIT_KEY}">
  <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
  <bpmndi:BPMNShape id="wait_di" bpmnElement="${WAIT_ELEMENT}"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
  <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
  <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
  <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
