/**
 * Badges on the diagram: per element, the tokens waiting there, the overdue tasks and the incidents
 * (only the figures above zero), as diagram-js overlays. A click on a badge calls `onPick`.
 */
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import type { ElementStatistics } from './statistics.js';

const OVERLAY_TYPE = 'motcua-statistics';

const KINDS = [
  { field: 'waiting', label: 'monitor.waiting' },
  { field: 'overdue', label: 'monitor.overdue' },
  { field: 'incidents', label: 'monitor.incidents' },
] as const;

export function addBadges(overlays: Overlays, registry: ElementRegistry, statistics: readonly ElementStatistics[], onPick: (figures: ElementStatistics) => void): number {
  overlays.remove({ type: OVERLAY_TYPE });
  let added = 0;
  for (const figures of statistics) {
    if (!registry.get(figures.elementId)) continue;
    const badges = KINDS.filter(({ field }) => figures[field] > 0).map(({ field, label }) =>
      el(
        'button',
        { type: 'button', class: `badge badge-${field}`, title: t(label), 'data-kind': field, 'data-element-id': figures.elementId, onclick: () => onPick(figures) },
        figures[field].toLocaleString(),
      ),
    );
    if (badges.length === 0) continue;
    overlays.add(figures.elementId, OVERLAY_TYPE, { position: { bottom: 10, left: -8 }, html: el('div', { class: 'badges' }, ...badges) });
    added += 1;
  }
  return added;
}
