/**
 * Driving the diagram in the page: elements by id, the context pad, the replace menu, the
 * properties panel's groups and fields, bpmnlint's overlays.
 */
import type { Page } from 'playwright-core';

export const shape = (page: Page, id: string) => page.locator(`.djs-element[data-element-id="${id}"]`).first();

/**
 * Clicks a sequence flow on its first segment (the middle of its bounding box may be off the line):
 * a point of the segment in diagram coordinates, through the viewport's transform, to the page.
 */
export async function clickConnection(page: Page, id: string): Promise<void> {
  const hit = page.locator(`.djs-element[data-element-id="${id}"] .djs-hit`).first();
  const geometry = (await hit.getAttribute('points')) ?? (await hit.getAttribute('d')) ?? '';
  const [x1, y1, x2, y2] = (geometry.match(/-?\d+(\.\d+)?/g) ?? []).map(Number) as number[];
  const transform = (await page.locator('#canvas .djs-container > svg > .viewport').first().getAttribute('transform')) ?? 'matrix(1 0 0 1 0 0)';
  const [a, , , d, e, f] = (/matrix\(([^)]+)\)/.exec(transform)?.[1] ?? '1 0 0 1 0 0').split(/[\s,]+/).map(Number) as number[];
  const box = (await page.locator('#canvas .djs-container > svg').first().boundingBox())!;
  // Three quarters along the segment: lint overlays sit at the start of a flow.
  await page.mouse.click(box.x + e! + a! * (x1! + (3 * (x2! - x1!)) / 4), box.y + f! + d! * (y1! + (3 * (y2! - y1!)) / 4));
}

/** The id of the element selected now (the one with the selection outline). */
export async function selectedId(page: Page): Promise<string> {
  const selected = page.locator('.djs-element.selected');
  await selected.first().waitFor();
  return (await selected.first().getAttribute('data-element-id'))!;
}

export async function contextPad(page: Page, action: string): Promise<void> {
  await page.locator(`.djs-context-pad [data-action="${action}"]`).click();
}

export async function replaceWith(page: Page, entryId: string): Promise<void> {
  await contextPad(page, 'replace');
  await page.locator(`.djs-popup [data-id="${entryId}"]`).click();
}

/** Opens a properties-panel group if it is closed. */
export async function openGroup(page: Page, groupId: string): Promise<void> {
  const header = page.locator(`.bio-properties-panel-group[data-group-id="group-${groupId}"] > .bio-properties-panel-group-header`);
  await header.waitFor();
  if (!((await header.getAttribute('class')) ?? '').includes('open')) await header.click();
}

export const field = (page: Page, id: string) => page.locator(`#bio-properties-panel-${id}`);

/** Element ids that bpmnlint reports with `message` (its overlays carry the messages). */
export async function lintedIds(page: Page, message: string): Promise<string[]> {
  return page.locator('.djs-overlays').filter({ has: page.locator('.bjsl-overlay', { hasText: message }) }).evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute('data-container-id') ?? ''),
  );
}

/** The ids of every element drawn now. */
export async function elementIds(page: Page): Promise<Set<string>> {
  return new Set(await page.locator('.djs-element').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id') ?? '')));
}

/** Runs `step` and returns the id of the sequence flow it added. */
export async function addedFlow(page: Page, step: () => Promise<void>): Promise<string> {
  const before = await elementIds(page);
  await step();
  const added = [...(await elementIds(page))].filter((id) => !before.has(id) && id.startsWith('Flow_'));
  if (added.length !== 1) throw new Error(`expected one new sequence flow, found ${added.join(', ') || 'none'}`);
  return added[0]!;
}
