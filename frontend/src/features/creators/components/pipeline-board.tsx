import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { ActionIcon, Badge, Card, Group, Menu, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlatformIcon } from '@/components/platform-icon';
import { useFormat } from '@/lib/format-context';
import { STAGES, type Creator, type Stage } from '../types';
import { FitBadge, RightsStatusBadge, STAGE_COLORS } from './badges';

const CARD_PREFIX = 'creator:';
const COLUMN_PREFIX = 'stage:';
/** Six columns fit the page's width on a laptop screen. */
const COLUMN_WIDTH = 186;

/** The stage a drag ended over, when it is another than the card's; null otherwise. */
export function dropTarget(event: Pick<DragEndEvent, 'active' | 'over'>, creators: Creator[]): { id: number; stage: Stage } | null {
  const activeId = String(event.active.id);
  const overId = event.over === null ? '' : String(event.over.id);
  if (!activeId.startsWith(CARD_PREFIX) || !overId.startsWith(COLUMN_PREFIX)) return null;
  const id = Number(activeId.slice(CARD_PREFIX.length));
  const stage = overId.slice(COLUMN_PREFIX.length) as Stage;
  const creator = creators.find((c) => c.id === id);
  if (creator === undefined || creator.stage === stage || !STAGES.includes(stage)) return null;
  return { id, stage };
}

/** The pointer's column when it is over one, else the column the card overlaps most. */
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

function CardBody({ creator }: { creator: Creator }) {
  const format = useFormat();
  const main = creator.handles[0];
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm" lineClamp={1}>
        {creator.name}
      </Text>
      {main !== undefined && (
        <Group gap={4} wrap="nowrap">
          <PlatformIcon platform={main.platform} size={14} />
          <Text size="xs" c="dimmed" truncate="end">
            @{main.handle}
          </Text>
          {creator.audience_size != null && (
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              · {format.number(creator.audience_size)}
            </Text>
          )}
        </Group>
      )}
      <Group gap={4}>
        <FitBadge score={creator.fit.score} />
        {creator.rights_status !== 'none' && <RightsStatusBadge status={creator.rights_status} />}
        {creator.codes.slice(0, 2).map((code) => (
          <Badge key={code} size="sm" variant="outline" color="gray" tt="none">
            {code}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

function CreatorCard({ creator, onOpen, onMove }: { creator: Creator; onOpen: (id: number) => void; onMove: (id: number, stage: Stage) => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `${CARD_PREFIX}${creator.id}` });
  return (
    <Card
      ref={setNodeRef}
      withBorder
      radius="md"
      padding="sm"
      shadow="xs"
      style={{ opacity: isDragging ? 0.4 : 1, cursor: 'grab', touchAction: 'none', userSelect: 'none' }}
      data-testid={`creator-card-${creator.id}`}
      data-stage={creator.stage}
      {...attributes}
      {...listeners}
      aria-roledescription={t('creators.board.draggable')}
      aria-label={t('creators.board.cardLabel', { name: creator.name, stage: t(`creators.stage.${creator.stage}`) })}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap={4}>
        <UnstyledButton
          onClick={() => onOpen(creator.id)}
          onKeyDown={(e) => e.stopPropagation()}
          style={{ flex: 1, minWidth: 0 }}
          aria-label={t('creators.board.open', { name: creator.name })}
        >
          <CardBody creator={creator} />
        </UnstyledButton>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('creators.board.moveMenu', { name: creator.name })}
              onPointerDown={(e) => e.stopPropagation()}
              onKeyDown={(e) => e.stopPropagation()}
            >
              <IconDots size={14} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('creators.board.moveTo')}</Menu.Label>
            {STAGES.filter((s) => s !== creator.stage).map((stage) => (
              <Menu.Item key={stage} onClick={() => onMove(creator.id, stage)}>
                {t(`creators.stage.${stage}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Card>
  );
}

function Column({ stage, creators, onOpen, onMove }: { stage: Stage; creators: Creator[]; onOpen: (id: number) => void; onMove: (id: number, stage: Stage) => void }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN_PREFIX}${stage}` });
  return (
    <Stack
      ref={setNodeRef}
      gap="xs"
      p="xs"
      miw={COLUMN_WIDTH}
      w={COLUMN_WIDTH}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-default-hover)',
        outline: isOver ? '2px dashed var(--mantine-color-blue-5)' : undefined,
        minHeight: 320,
        flexShrink: 0,
      }}
      role="group"
      aria-label={t('creators.board.columnLabel', { stage: t(`creators.stage.${stage}`), count: creators.length })}
      data-testid={`pipeline-column-${stage}`}
      data-stage={stage}
    >
      <Group justify="space-between" px={4}>
        <Badge variant="dot" color={STAGE_COLORS[stage]} size="md">
          {t(`creators.stage.${stage}`)}
        </Badge>
        <Text size="xs" c="dimmed" data-testid="column-count">
          {creators.length}
        </Text>
      </Group>
      {creators.map((creator) => (
        <CreatorCard key={creator.id} creator={creator} onOpen={onOpen} onMove={onMove} />
      ))}
    </Stack>
  );
}

/**
 * The pipeline: a column per stage, prospect to done. Dragging a card to another column moves the
 * creator there (an audited change); each card's menu does the same from the keyboard.
 */
export function PipelineBoard({ creators, onOpen, onMove }: { creators: Creator[]; onOpen: (id: number) => void; onMove: (id: number, stage: Stage) => void }) {
  const { t } = useTranslation();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor));
  const [dragging, setDragging] = useState<Creator | null>(null);

  function start(event: DragStartEvent) {
    const id = Number(String(event.active.id).slice(CARD_PREFIX.length));
    setDragging(creators.find((c) => c.id === id) ?? null);
  }

  function end(event: DragEndEvent) {
    setDragging(null);
    const target = dropTarget(event, creators);
    if (target !== null) onMove(target.id, target.stage);
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={start}
      onDragEnd={end}
      onDragCancel={() => setDragging(null)}
      accessibility={{
        screenReaderInstructions: { draggable: t('creators.board.instructions') },
      }}
    >
      <ScrollArea type="auto" offsetScrollbars data-testid="pipeline-board">
        <Group align="flex-start" gap="sm" wrap="nowrap" pb="xs">
          {STAGES.map((stage) => (
            <Column key={stage} stage={stage} creators={creators.filter((c) => c.stage === stage)} onOpen={onOpen} onMove={onMove} />
          ))}
        </Group>
      </ScrollArea>
      <DragOverlay>
        {dragging !== null && (
          <Card withBorder radius="md" padding="sm" shadow="md" w={COLUMN_WIDTH - 12} style={{ cursor: 'grabbing' }}>
            <CardBody creator={dragging} />
          </Card>
        )}
      </DragOverlay>
    </DndContext>
  );
}
