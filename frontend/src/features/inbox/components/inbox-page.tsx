import { ActionIcon, Box, Button, Checkbox, CloseButton, Drawer, Group, Indicator, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconKeyboard } from '@tabler/icons-react';
import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '@/components/load-error';
import { useConversation } from '../api/get-conversation';
import { useCounts } from '../api/get-counts';
import { useChannels } from '../api/list-channels';
import { useConversations } from '../api/list-conversations';
import { useSearch } from '../api/search-messages';
import { activeFilterCount, filtersFromParams, filtersToParams, toConversationFilter, type InboxFilters } from '../filters';
import { useConversationActions, type ConversationActions } from '../hooks/use-conversation-actions';
import { useInboxShortcuts } from '../hooks/use-inbox-shortcuts';
import type { Contact, Conversation, ConversationDetail, SearchResult } from '../types';
import { ActionBar, type ActionMenu } from './action-bar';
import { ConversationList } from './conversation-list';
import { ConversationSkeleton, ConversationView, NoConversation } from './conversation-view';
import { FilterPanel } from './filter-panel';
import classes from './inbox.module.css';
import { SearchBox } from './search-box';
import { SearchResults } from './search-results';
import { ShortcutsDialog } from './shortcuts-dialog';
import { StatusTabs } from './status-tabs';

function positiveId(value: string | null): number | null {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** What the inbox tells the composer the app puts under a conversation. */
export interface ComposerSlotContext {
  /**
   * Grows each time `r` asks for the composer of this conversation: the composer then takes the
   * focus (also as it first shows, when it is above 0).
   */
  focusRequest: number;
  /** The conversation's channel is the demo's: it records what it would send. */
  sandbox: boolean;
}

export interface InboxPageProps {
  /** Renders the reply composer under the open conversation (the app composes it from another area). */
  composer?: (detail: ConversationDetail, context: ComposerSlotContext) => ReactNode;
  /** Renders more about the open conversation's contact in the contact panel. */
  contactExtra?: (contact: Contact) => ReactNode;
}

/**
 * The unified inbox: filters, the conversation list (or search results) and the open
 * conversation with its contact, all driven from the keyboard as well as the mouse.
 */
export function InboxPage({ composer, contactExtra }: InboxPageProps = {}) {
  const { t } = useTranslation();
  useDocumentTitle(`${t('inbox.title')} · Tend`);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const filter = useMemo(() => toConversationFilter(filters), [filters]);
  const openId = positiveId(params.get('c'));
  const highlightId = positiveId(params.get('m'));

  const list = useConversations(filter);
  const counts = useCounts(filter);
  const channels = useChannels();
  const detail = useConversation(openId);
  const actions = useConversationActions();

  const conversations = useMemo(() => list.data?.pages.flatMap((page) => page.conversations) ?? [], [list.data]);
  const [focusIndex, setFocusIndex] = useState(0);
  // A conversation opened from the address bar (reload, history, search) takes the list's focus.
  const [focusSyncedTo, setFocusSyncedTo] = useState<number | null>(null);
  if (openId !== focusSyncedTo && conversations.length > 0) {
    setFocusSyncedTo(openId);
    const index = conversations.findIndex((conversation) => conversation.id === openId);
    if (index >= 0) setFocusIndex(index);
  }
  const focus = Math.max(0, Math.min(focusIndex, conversations.length - 1));
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [menu, setMenu] = useState<ActionMenu | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [contactPanelOpen, setContactPanelOpen] = useState(true);

  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const searching = query.trim() !== '';
  const search = useSearch(debouncedQuery);
  const results = useMemo(() => search.data?.pages.flatMap((page) => page.results) ?? [], [search.data]);
  const [searchFocus, setSearchFocus] = useState(0);
  const searchInput = useRef<HTMLInputElement>(null);
  // `r` focuses the composer of the open conversation, or opens the focused one with its composer focused.
  const [replyRequest, setReplyRequest] = useState<{ conversationId: number; count: number } | null>(null);

  const assignees = useMemo(
    () => [...new Set(conversations.map((conversation) => conversation.assignee).filter((name) => name !== ''))].sort(),
    [conversations],
  );
  const selectedConversations = conversations.filter((conversation) => selected.has(conversation.id));
  const openConversation =
    detail.data?.conversation.id === openId ? detail.data.conversation : conversations.find((conversation) => conversation.id === openId);
  const focused = conversations[focus];

  function changeFilters(next: InboxFilters) {
    setParams(filtersToParams(next, params));
    setSelected(new Set());
    setFocusIndex(0);
  }

  function openConversationById(id: number | null, messageId: number | null = null) {
    const next = new URLSearchParams(params);
    if (id === null) next.delete('c');
    else next.set('c', String(id));
    if (messageId === null) next.delete('m');
    else next.set('m', String(messageId));
    setParams(next, { replace: true });
    setMenu(null);
    setReplyRequest(null);
  }

  function open(conversation: Conversation, index: number) {
    setFocusIndex(index);
    openConversationById(conversation.id);
  }

  function openResult(result: SearchResult) {
    const index = results.findIndex((each) => each.message.id === result.message.id);
    if (index >= 0) setSearchFocus(index);
    openConversationById(result.conversation.id, result.message.id);
  }

  function toggleSelected(id: number) {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  /** What an action applies to: the selection, else the open conversation, else the focused row. */
  function targets(): Conversation[] {
    if (selectedConversations.length > 0) return selectedConversations;
    if (openConversation !== undefined) return [openConversation];
    return focused === undefined ? [] : [focused];
  }

  function openMenu(which: ActionMenu) {
    if (selectedConversations.length === 0 && openConversation === undefined) {
      if (focused === undefined) return;
      openConversationById(focused.id);
    }
    setMenu(which);
  }

  const clearSelection = () => setSelected(new Set());
  const bulkActions: ConversationActions = {
    ...actions,
    resolve: (ids) => {
      actions.resolve(ids);
      clearSelection();
    },
    reopen: (ids) => {
      actions.reopen(ids);
      clearSelection();
    },
    markSpam: (ids) => {
      actions.markSpam(ids);
      clearSelection();
    },
    snooze: (ids, until, label) => {
      actions.snooze(ids, until, label);
      clearSelection();
    },
  };
  const actionsForTargets = selectedConversations.length > 0 ? bulkActions : actions;
  const targetIds = () => targets().map((conversation) => conversation.id);

  function moveFocus(delta: number) {
    if (searching) {
      setSearchFocus((index) => Math.max(0, Math.min(index + delta, results.length - 1)));
      return;
    }
    const next = Math.max(0, Math.min(focus + delta, conversations.length - 1));
    setFocusIndex(next);
    if (delta > 0 && next >= conversations.length - 5 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }

  useInboxShortcuts(
    {
      next: () => moveFocus(1),
      previous: () => moveFocus(-1),
      open: () => {
        if (searching) {
          const result = results[searchFocus];
          if (result !== undefined) openResult(result);
        } else if (focused !== undefined) {
          open(focused, focus);
        }
      },
      back: () => {
        if (menu !== null) setMenu(null);
        else if (openId !== null) openConversationById(null);
        else if (selected.size > 0) clearSelection();
        else if (searching) setQuery('');
      },
      select: () => {
        if (!searching && focused !== undefined) toggleSelected(focused.id);
      },
      reply: () => {
        if (composer === undefined) return;
        const target = openId ?? (searching ? undefined : focused?.id);
        if (target === undefined) return;
        if (openId === null && focused !== undefined) open(focused, focus);
        setReplyRequest((current) => ({ conversationId: target, count: (current?.count ?? 0) + 1 }));
      },
      resolve: () => actionsForTargets.resolve(targetIds()),
      spam: () => actionsForTargets.markSpam(targetIds()),
      snooze: () => openMenu('snooze'),
      assign: () => openMenu('assign'),
      tag: () => openMenu('tag'),
      search: () => searchInput.current?.focus(),
      help: () => setHelpOpen(true),
    },
    !helpOpen,
  );

  function searchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveFocus(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const result = results[searchFocus];
      if (result !== undefined) openResult(result);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query === '') event.currentTarget.blur();
      setQuery('');
    }
  }

  const filterCount = activeFilterCount(filters);
  const filterPanel = (
    <FilterPanel filters={filters} counts={counts.data} channels={channels.data ?? []} onChange={changeFilters} />
  );
  const allSelected = conversations.length > 0 && selectedConversations.length === conversations.length;

  function middlePane() {
    if (searching) {
      return (
        <SearchResults
          results={results}
          loading={search.isPending || debouncedQuery !== query.trim()}
          error={search.error}
          focusIndex={searchFocus}
          hasMore={search.hasNextPage}
          loadingMore={search.isFetchingNextPage}
          onLoadMore={() => void search.fetchNextPage()}
          onOpen={openResult}
        />
      );
    }
    if (list.isError) return <LoadError message={t('inbox.list.loadFailed')} onRetry={() => void list.refetch()} />;
    return (
      <ConversationList
        conversations={conversations}
        loading={list.isPending}
        focusIndex={focus}
        openId={openId}
        selected={selected}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        onOpen={open}
        onToggleSelected={toggleSelected}
        emptyMessage={filterCount > 0 ? t('inbox.list.emptyFiltered') : t(`inbox.list.empty.${filters.status}`)}
      />
    );
  }

  function detailPane() {
    if (openId === null) return <NoConversation />;
    if (detail.isError) {
      return (
        <Box p="lg" style={{ flex: 1 }}>
          <LoadError message={t('inbox.view.loadFailed')} onRetry={() => void detail.refetch()} />
        </Box>
      );
    }
    if (detail.data === undefined) return <ConversationSkeleton />;
    const sandbox = channels.data?.find((channel) => channel.id === detail.data?.conversation.channel_id)?.kind === 'sandbox';
    return (
      <ConversationView
        detail={detail.data}
        highlightMessageId={highlightId}
        sandbox={sandbox}
        contactPanelOpen={contactPanelOpen}
        onToggleContactPanel={() => setContactPanelOpen((opened) => !opened)}
        onClose={() => openConversationById(null)}
        onOpenConversation={(id) => openConversationById(id)}
        composer={composer?.(detail.data, { focusRequest: replyRequest?.conversationId === openId ? replyRequest.count : 0, sandbox })}
        contactExtra={detail.data.contact === null ? undefined : contactExtra?.(detail.data.contact)}
        actionBar={
          <ActionBar
            conversations={[detail.data.conversation]}
            actions={actions}
            menu={selected.size > 0 ? null : menu}
            onMenuChange={setMenu}
            assignees={assignees}
            compact
          />
        }
      />
    );
  }

  return (
    <div className={classes.layout} data-conversation-open={openId !== null || undefined}>
      <nav className={classes.filters} aria-label={t('inbox.filters.title')}>
        {filterPanel}
      </nav>
      <Drawer opened={filtersOpen} onClose={() => setFiltersOpen(false)} title={t('inbox.filters.title')} size={280} padding={0}>
        {filterPanel}
      </Drawer>

      <section className={classes.listPane} aria-label={t('inbox.list.label')}>
        <Stack gap={8} px="sm" pt="sm">
          <Group gap={6} wrap="nowrap">
            <Box style={{ flex: 1 }}>
              <SearchBox
                ref={searchInput}
                value={query}
                onChange={(value) => {
                  setQuery(value);
                  setSearchFocus(0);
                }}
                onKeyDown={searchKeyDown}
              />
            </Box>
            <Indicator label={filterCount} size={16} disabled={filterCount === 0} hiddenFrom="md">
              <ActionIcon variant="default" size={36} onClick={() => setFiltersOpen(true)} aria-label={t('inbox.filters.title')}>
                <IconAdjustmentsHorizontal size={18} aria-hidden />
              </ActionIcon>
            </Indicator>
            <Tooltip label={`${t('inbox.shortcuts.title')} (?)`} withArrow>
              <ActionIcon variant="subtle" color="gray" size={36} onClick={() => setHelpOpen(true)} aria-label={t('inbox.shortcuts.title')}>
                <IconKeyboard size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Stack>
        {searching ? (
          <Group px="sm" py={8} justify="space-between" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
            <Text size="xs" c="dimmed" truncate="end">
              {t('inbox.search.resultsFor', { query: query.trim() })}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => setQuery('')} style={{ flexShrink: 0 }}>
              {t('inbox.search.backToList')}
            </Button>
          </Group>
        ) : (
          <>
            <StatusTabs value={filters.status} counts={counts.data} onChange={(status) => changeFilters({ ...filters, status })} />
            <Group px="sm" py={6} gap="xs" wrap="nowrap" justify="space-between" mih={40} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
              <Group gap="xs" wrap="nowrap">
                <Checkbox
                  size="xs"
                  aria-label={t('inbox.list.selectAll')}
                  checked={allSelected}
                  indeterminate={selectedConversations.length > 0 && !allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(conversations.map((conversation) => conversation.id)))}
                  disabled={conversations.length === 0}
                />
                <Text size="xs" c="dimmed" aria-live="polite">
                  {selectedConversations.length > 0
                    ? t('inbox.list.selected', { count: selectedConversations.length })
                    : t('inbox.list.count', { count: counts.data?.total ?? conversations.length })}
                </Text>
              </Group>
              {selectedConversations.length > 0 && (
                <CloseButton size="sm" aria-label={t('inbox.list.clearSelection')} onClick={clearSelection} />
              )}
            </Group>
            {selectedConversations.length > 0 && (
              <Group px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} data-testid="bulk-actions">
                <ActionBar
                  conversations={selectedConversations}
                  actions={bulkActions}
                  menu={menu}
                  onMenuChange={setMenu}
                  assignees={assignees}
                  compact
                />
              </Group>
            )}
          </>
        )}
        <div className={classes.listScroll}>{middlePane()}</div>
      </section>

      <section className={classes.detailPane} aria-label={t('inbox.view.label')}>
        {detailPane()}
      </section>

      <ShortcutsDialog opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
