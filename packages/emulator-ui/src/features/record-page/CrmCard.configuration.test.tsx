// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { domPerTest } from '../../lib/test-dom.ts';
import { type CardFailure, CrmCard } from './CrmCard.tsx';

const dom = domPerTest();

// The converter's ValidationErrorUI (components/ValidationErrorUI.tsx and its test): an error alert
// titled "Configuration Issues Detected", four to-dos, then "Validation Errors (N):" and the lines
// behind "View Error Details".
const failure: CardFailure = {
  code: 'DISPATCH_CONVERTER_DEFINITION_INVALID',
  message: "not sent: HubSpot's Legacy CRM Card Converter checks the card definition before it fetches…",
  issues: [{ path: 'definition.display.properties', message: 'is empty: …' }],
  exchangeId: 'x1',
  configurationIssues: ['display.properties (at least one property required)', 'Invalid input'],
};

function draw(mode: 'legacy' | 'converter', given: CardFailure = failure) {
  act(() =>
    dom.root.render(
      <CrmCard
        title="Issues"
        appName="Bug Tracker"
        state={{ status: 'error', failure: given }}
        onAction={vi.fn()}
        onRefresh={vi.fn()}
        mode={mode}
      />,
    ),
  );
}

const text = () => dom.container.textContent ?? '';

describe('CrmCard: a card definition the converter refuses', () => {
  test('converter mode: the alert, the to-dos, and the lines behind View Error Details', () => {
    draw('converter');
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toContain(
      'Configuration Issues Detected',
    );
    expect(text()).toContain('View detailed error messages below for more information.');
    const todos = [...dom.container.querySelectorAll('.converter-todos strong')].map((s) => s.textContent);
    expect(todos).toEqual(['Get Definition: ', 'Allow URLs: ', 'Add ObjectTypes: ', 'Rename: ']);
    expect(text()).toContain('Validation Errors (2):');
    expect(dom.container.querySelector('.converter-config-details')).toBeNull();
    const button = [...dom.container.querySelectorAll('button')].find(
      (b) => b.textContent === 'View Error Details',
    );
    act(() => button?.click());
    const lines = [...dom.container.querySelectorAll('.converter-config-details li')].map(
      (li) => li.textContent,
    );
    expect(lines).toEqual(failure.configurationIssues);
    expect(text()).not.toContain('There was a problem displaying this content');
  });

  test("legacy mode draws HubSpot's error state; a converter failure without issues its error texts", () => {
    draw('legacy');
    expect(text()).toContain("This card couldn't load.");
    expect(text()).not.toContain('Configuration Issues Detected');
    const { configurationIssues: _none, ...plain } = failure;
    draw('converter', plain);
    expect(text()).toContain('There was a problem displaying this content');
    expect(text()).not.toContain('Configuration Issues Detected');
  });
});
