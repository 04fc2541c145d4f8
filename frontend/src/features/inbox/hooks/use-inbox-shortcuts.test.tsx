import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useInboxShortcuts, type ShortcutHandlers } from './use-inbox-shortcuts';

function Harness({ handlers }: { handlers: ShortcutHandlers }) {
  useInboxShortcuts(handlers);
  return (
    <div>
      <input aria-label="field" />
      <textarea aria-label="notes" />
      <input type="checkbox" aria-label="pick" />
      <button type="button">action</button>
    </div>
  );
}

function handlers() {
  return { next: vi.fn(), previous: vi.fn(), select: vi.fn(), resolve: vi.fn(), spam: vi.fn(), open: vi.fn(), back: vi.fn(), help: vi.fn() };
}

describe('useInboxShortcuts', () => {
  it('dispatches j, k, x, e and # to their actions', () => {
    const actions = handlers();
    render(<Harness handlers={actions} />);
    for (const key of ['j', 'j', 'k', 'x', 'e', '#', '?']) fireEvent.keyDown(document.body, { key });
    expect(actions.next).toHaveBeenCalledTimes(2);
    expect(actions.previous).toHaveBeenCalledTimes(1);
    expect(actions.select).toHaveBeenCalledTimes(1);
    expect(actions.resolve).toHaveBeenCalledTimes(1);
    expect(actions.spam).toHaveBeenCalledTimes(1);
    expect(actions.help).toHaveBeenCalledTimes(1);
  });

  it('ignores keys typed in a text field', () => {
    const actions = handlers();
    const { getByLabelText } = render(<Harness handlers={actions} />);
    for (const key of ['j', 'k', 'x', 'e', '#', 'Enter', 'Escape']) {
      fireEvent.keyDown(getByLabelText('field'), { key });
      fireEvent.keyDown(getByLabelText('notes'), { key });
    }
    for (const action of Object.values(actions)) expect(action).not.toHaveBeenCalled();
  });

  it('still works from a checkbox, but leaves Enter to buttons', () => {
    const actions = handlers();
    const { getByLabelText, getByRole } = render(<Harness handlers={actions} />);
    fireEvent.keyDown(getByLabelText('pick'), { key: 'j' });
    fireEvent.keyDown(getByRole('button'), { key: 'Enter' });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(actions.next).toHaveBeenCalledTimes(1);
    expect(actions.open).toHaveBeenCalledTimes(1);
  });

  it('ignores keys with a modifier', () => {
    const actions = handlers();
    render(<Harness handlers={actions} />);
    fireEvent.keyDown(document.body, { key: 'j', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'e', metaKey: true });
    expect(actions.next).not.toHaveBeenCalled();
    expect(actions.resolve).not.toHaveBeenCalled();
  });
});
