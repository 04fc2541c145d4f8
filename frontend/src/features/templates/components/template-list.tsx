import { ActionIcon, Anchor, Badge, Card, Group, Menu, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconCopy, IconDots, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlatformIcon } from '@/components/platform-icon';
import { useFormat } from '@/lib/format-context';
import { CATEGORIES, type Category, type Template } from '../types';

export interface TemplateListActions {
  /** The link that opens a template in the editor. */
  editHref: (id: string) => string;
  onDuplicate: (template: Template) => void;
  onArchive: (template: Template, archived: boolean) => void;
}

/** The first line of a body, for the row's second line. */
function firstLine(body: string): string {
  return body.split('\n').find((line) => line.trim() !== '') ?? '';
}

export function ChannelLabel({ channel }: { channel: string }) {
  const { t } = useTranslation();
  if (channel === '') {
    return (
      <Text size="sm" c="dimmed">
        {t('templates.anyChannel')}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <PlatformIcon platform={channel} />
      <Text size="sm">{t(`platformName.${channel}`, { defaultValue: channel })}</Text>
    </Group>
  );
}

function TemplateRow({ template, actions }: { template: Template; actions: TemplateListActions }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.Tr data-archived={template.archived || undefined} style={template.archived ? { opacity: 0.7 } : undefined}>
      <Table.Td>
        <Stack gap={2} miw={0}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={actions.editHref(template.id)} fw={600} size="sm" c="var(--mantine-color-text)" truncate="end">
              {template.name}
            </Anchor>
            {template.shipped && (
              <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
                {t('templates.badge.shipped')}
              </Badge>
            )}
            {template.archived && (
              <Badge size="xs" variant="light" color="orange" style={{ flexShrink: 0 }}>
                {t('templates.badge.archived')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {firstLine(template.body)}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="default" fw={500} title={t(`languages.${template.language}`)}>
          {template.language.toUpperCase()}
        </Badge>
      </Table.Td>
      <Table.Td>
        <ChannelLabel channel={template.channel} />
      </Table.Td>
      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Text size="sm" c={template.usage_count === 0 ? 'dimmed' : undefined}>
          {format.number(template.usage_count)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('templates.list.actionsFor', { name: template.name })}>
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component={Link} to={actions.editHref(template.id)} leftSection={<IconPencil size={15} aria-hidden />}>
              {t('templates.actions.edit')}
            </Menu.Item>
            <Menu.Item leftSection={<IconCopy size={15} aria-hidden />} onClick={() => actions.onDuplicate(template)}>
              {t('templates.actions.duplicate')}
            </Menu.Item>
            {template.archived ? (
              <Menu.Item leftSection={<IconArchiveOff size={15} aria-hidden />} onClick={() => actions.onArchive(template, false)}>
                {t('templates.actions.restore')}
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<IconArchive size={15} aria-hidden />} onClick={() => actions.onArchive(template, true)}>
                {t('templates.actions.archive')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

function CategorySection({ category, templates, actions }: { category: Category; templates: Template[]; actions: TemplateListActions }) {
  const { t } = useTranslation();
  const headingId = `templates-${category}`;
  return (
    <Card withBorder radius="md" padding={0} component="section" aria-labelledby={headingId}>
      <Group justify="space-between" px="md" pt="sm" pb={6} wrap="nowrap">
        <div>
          <Title order={2} size="h5" id={headingId}>
            {t(`templates.category.${category}`)}
          </Title>
          <Text size="xs" c="dimmed">
            {t(`templates.categoryHint.${category}`)}
          </Text>
        </div>
        <Badge variant="light" color="gray">
          {t('templates.list.count', { count: templates.length })}
        </Badge>
      </Group>
      <Table highlightOnHover verticalSpacing={6} horizontalSpacing="md" layout="fixed" aria-labelledby={headingId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('templates.list.name')}</Table.Th>
            <Table.Th w={90}>{t('templates.list.language')}</Table.Th>
            <Table.Th w={170}>{t('templates.list.channel')}</Table.Th>
            <Table.Th w={90} ta="right">
              {t('templates.list.usage')}
            </Table.Th>
            <Table.Th w={56}>
              <VisuallyHidden>{t('templates.list.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {templates.map((template) => (
            <TemplateRow key={template.id} template={template} actions={actions} />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The templates grouped by category, in the categories' display order. */
export function TemplateList({ templates, actions }: { templates: Template[]; actions: TemplateListActions }) {
  return (
    <Stack gap="lg">
      {CATEGORIES.map((category) => {
        const inCategory = templates.filter((template) => template.category === category);
        return inCategory.length === 0 ? null : <CategorySection key={category} category={category} templates={inCategory} actions={actions} />;
      })}
    </Stack>
  );
}
