/** A diagram handed from the start page to the editor (an uploaded file), taken once. */
let pending: { xml: string; fileName: string } | undefined;

export function setPendingDiagram(xml: string, fileName: string): void {
  pending = { xml, fileName };
}

export function takePendingDiagram(): { xml: string; fileName: string } | undefined {
  const taken = pending;
  pending = undefined;
  return taken;
}
