import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { useMoveCreator } from '../api/move-creator';
import { useCreators } from '../api/list-creators';
import { DEFAULT_CREATOR_FILTER } from '../filters';
import { creatorFixture, fakeCreatorsBackend } from '../testing/fixtures';
import { STAGES } from '../types';
import { PipelineBoard } from './pipeline-board';

/** jsdom has no PointerEvent: a MouseEvent with the pointer fields dnd-kit reads. */
class FakePointerEvent extends MouseEvent {
  readonly pointerId: number;
  readonly isPrimary: boolean;
  constructor(type: string, init: PointerEventInit = {}) {
    super(type, init);
    this.pointerId = init.pointerId ?? 1;
    this.isPrimary = init.isPrimary ?? true;
  }
}

const COLUMN_WIDTH = 220;

/** Lays the board out as a browser would: a 210 × 600 column per stage, cards at the top of theirs. */
function layout(this: Element): DOMRect {
  const column = this.closest('[data-testid^="pipeline-column-"]');
  const stage = column?.getAttribute('data-stage');
  const index = stage === null || stage === undefined ? -1 : STAGES.indexOf(stage as (typeof STAGES)[number]);
  if (index < 0) return new DOMRect(0, 0, 0, 0);
  const x = index * COLUMN_WIDTH;
  return this === column ? new DOMRect(x, 0, 210, 600) : new DOMRect(x + 5, 40, 200, 80);
}

function Board() {
  const creators = useCreators(DEFAULT_CREATOR_FILTER);
  const move = useMoveCreator();
  return <PipelineBoard creators={creators.data ?? []} onOpen={() => undefined} onMove={(id, stage) => move.mutate({ id, stage })} />;
}

const lea = creatorFixture({ id: 1, name: 'Léa Martin', stage: 'contacted' });
const tom = creatorFixture({ id: 2, name: 'Tom Lefèvre', stage: 'done', handles: [] });

describe('PipelineBoard', () => {
  beforeEach(() => {
    vi.stubGlobal('PointerEvent', FakePointerEvent);
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(layout);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('shows a column per stage with its creators', async () => {
    installFakeDesktop(fakeCreatorsBackend({ creators: [lea, tom] }));
    renderWithProviders(<Board />);
    const contacted = await screen.findByTestId('pipeline-column-contacted');
    expect(await within(contacted).findByText('Léa Martin')).toBeInTheDocument();
    expect(within(contacted).getByTestId('column-count')).toHaveTextContent('1');
    expect(within(screen.getByTestId('pipeline-column-done')).getByText('Tom Lefèvre')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Prospect: 0 creators' })).toBeInTheDocument();
  });

  it('moves a creator dragged to another column, with the right method and arguments', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend({ creators: [lea, tom] }));
    renderWithProviders(<Board />);
    const card = await screen.findByTestId('creator-card-1');

    // Grab the card in "contacted" (column 1) and drop it on "contracted" (column 3).
    const from = { x: COLUMN_WIDTH + 50, y: 60 };
    const to = { x: 3 * COLUMN_WIDTH + 50, y: 200 };
    fireEvent.pointerDown(card, { clientX: from.x, clientY: from.y, button: 0, isPrimary: true });
    await act(async () => {
      fireEvent.pointerMove(document, { clientX: from.x + 20, clientY: from.y });
      await Promise.resolve();
    });
    await act(async () => {
      fireEvent.pointerMove(document, { clientX: to.x, clientY: to.y });
      await Promise.resolve();
    });
    await act(async () => {
      fireEvent.pointerUp(document, { clientX: to.x, clientY: to.y });
      await Promise.resolve();
    });

    await waitFor(() => expect(fake.Creators.Move).toHaveBeenCalledWith(1, 'contracted'));
    expect(fake.Creators.Move).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(within(screen.getByTestId('pipeline-column-contracted')).getByText('Léa Martin')).toBeInTheDocument());
  });

  it('does nothing when a card is dropped back on its own column', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend({ creators: [lea, tom] }));
    renderWithProviders(<Board />);
    const card = await screen.findByTestId('creator-card-1');
    const at = { x: COLUMN_WIDTH + 50, y: 60 };
    fireEvent.pointerDown(card, { clientX: at.x, clientY: at.y, button: 0, isPrimary: true });
    await act(async () => {
      fireEvent.pointerMove(document, { clientX: at.x + 30, clientY: at.y + 30 });
      await Promise.resolve();
    });
    await act(async () => {
      fireEvent.pointerUp(document, { clientX: at.x + 30, clientY: at.y + 30 });
      await Promise.resolve();
    });
    expect(fake.Creators.Move).not.toHaveBeenCalled();
  });

  it('moves a creator from the card menu, for the keyboard', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend({ creators: [lea, tom] }));
    const { user } = renderWithProviders(<Board />);
    await user.click(await screen.findByRole('button', { name: 'Move Léa Martin to another stage' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Live' }));
    await waitFor(() => expect(fake.Creators.Move).toHaveBeenCalledWith(1, 'live'));
  });
});
