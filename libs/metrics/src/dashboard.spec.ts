import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mailingKind, registry } from './metrics';

describe('metrics', () => {
  it('the Grafana dashboard queries only series this registry serves', () => {
    const dashboard = readFileSync(join(__dirname, '..', '..', '..', 'infra', 'grafana', 'handover-dashboard.json'), 'utf8');
    const used = new Set([...dashboard.matchAll(/handover_\w+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect({ name, served: registry.getSingleMetric(name) !== undefined }).toEqual({ name, served: true });
  });

  it('labels a mailing by its kind, not its number', () => {
    expect(mailingKind('notice')).toBe('notice');
    expect(mailingKind('reminder-2')).toBe('reminder');
  });
});
