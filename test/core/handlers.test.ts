// apply.ts merges the rule families of core/rules/ into one table: every event type the core takes has
// exactly one handler. A missing one is a compile error (`npm run typecheck` checks the directive below);
// a type handled by two families would let one silently replace the other, which this test catches.
import { describe, expect, it } from 'vitest';
import { ActionEvent, FAMILIES, type Handlers, ObservedEvent, RuleEvent } from '../../core/index.ts';
import { CONNECTION } from '../../core/rules/connection.ts';
import { OBSERVED } from '../../core/rules/observed.ts';
import { PUBLISHING } from '../../core/rules/publishing.ts';
import { SETTINGS } from '../../core/rules/settings.ts';

const EVENT_TYPES = [ActionEvent, ObservedEvent, RuleEvent].flatMap((u) =>
  u.def.options.flatMap((o) => o.shape.type.def.values),
);

describe('rule families (core/rules/)', () => {
  it('every event type of events.ts is handled by exactly one family', () => {
    const handled = FAMILIES.flatMap((family) => Object.keys(family));
    expect(handled.toSorted()).toEqual(EVENT_TYPES.toSorted());
  });

  it('a table that leaves out a family does not type-check as Handlers', () => {
    // @ts-expect-error the deadline family's 'reauth-due', 'reminder' and 'lapse' would have no handler
    const incomplete: Handlers = { ...CONNECTION, ...SETTINGS, ...PUBLISHING, ...OBSERVED };
    expect(Object.keys(incomplete)).not.toContain('lapse');
  });
});
