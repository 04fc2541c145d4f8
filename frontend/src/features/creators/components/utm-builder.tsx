import { ActionIcon, Alert, Anchor, Button, Card, Code, Group, List, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLink, IconTrash, IconWand } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldMessage } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useAddLink } from '../api/add-link';
import { useDeleteLink } from '../api/delete-link';
import { getSuggestion } from '../api/get-suggestion';
import { useLinkPreview } from '../api/preview-link';
import { isHttpUrl } from '../links';
import type { CampaignSummary, UTMLink, UTMParam, UTMParams } from '../types';
import { CampaignSelect } from './campaign-select';
import { CopyButton } from './copy-button';

/** How long typing must pause before the link is built again. */
export const LINK_PREVIEW_DEBOUNCE_MS = 250;

const PARAMS: UTMParam[] = ['source', 'medium', 'campaign', 'content'];

const EMPTY: UTMParams = { source: '', medium: '', campaign: '', content: '' };

/** Which UTM parameter an error names. */
function paramOfError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const params = (error as { params?: Record<string, string> }).params;
  return params?.param?.replace('utm_', '');
}

/** Each value normalisation changed: what was typed and what goes in the link. */
function Normalised({ link }: { link: UTMLink }) {
  const { t } = useTranslation();
  const changed = (link.changed ?? []).filter((p) => link.original[p].trim() !== '' || link.params[p] !== '');
  if (changed.length === 0) return null;
  return (
    <List size="xs" c="dimmed" spacing={2} data-testid="utm-normalised">
      {changed.map((p) => (
        <List.Item key={p}>{t('creators.links.normalised', { param: `utm_${p}`, from: link.original[p], to: link.params[p] })}</List.Item>
      ))}
    </List>
  );
}

/**
 * Builds UTM links for a creator: the campaign's landing page and the four values, which Tend
 * normalises as documented (lower case, spaces to hyphens, accents folded) and shows next to what
 * was typed. A base URL that is not an absolute http(s) address is refused before anything is built.
 */
export function UtmBuilder({ creatorId, links, campaigns }: { creatorId: number; links: UTMLink[]; campaigns: CampaignSummary[] }) {
  const { t, i18n } = useTranslation();
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [baseUrl, setBaseUrl] = useState('');
  const [params, setParams] = useState<UTMParams>(EMPTY);
  const add = useAddLink();
  const remove = useDeleteLink();
  const [debounced] = useDebouncedValue({ baseUrl: baseUrl.trim(), params }, LINK_PREVIEW_DEBOUNCE_MS);
  const urlOk = isHttpUrl(debounced.baseUrl);
  const filled = debounced.params.source.trim() !== '' && debounced.params.medium.trim() !== '' && debounced.params.campaign.trim() !== '';
  const preview = useLinkPreview(debounced.baseUrl, debounced.params, urlOk && filled);

  const typedUrlBad = baseUrl.trim() !== '' && !isHttpUrl(baseUrl);
  const serverError = preview.error ?? add.error;
  const baseError = typedUrlBad
    ? t('errors.link_base_url_invalid', { url: baseUrl.trim() })
    : fieldMessage(serverError, i18n, (key) => key === 'link_base_url_invalid');
  const paramError = (p: UTMParam) =>
    fieldMessage(serverError, i18n, (key) => key === 'link_utm_required') !== undefined && paramOfError(serverError) === p
      ? describeError(serverError, i18n).message
      : undefined;
  const built = preview.data !== undefined && !preview.isError && !typedUrlBad && baseUrl.trim() !== '' ? preview.data : undefined;

  async function fill(nextCampaign: number | null) {
    setCampaignId(nextCampaign);
    try {
      const suggestion = await getSuggestion(creatorId, nextCampaign ?? 0);
      setParams(suggestion.params);
      if (suggestion.base_url !== '') setBaseUrl(suggestion.base_url);
    } catch {
      // The fields stay as they are.
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isHttpUrl(baseUrl)) return;
    add.mutate(
      { creator_id: creatorId, campaign_id: campaignId, base_url: baseUrl.trim(), params },
      { onSuccess: () => notifySuccess(t('creators.links.saved')) },
    );
  }

  return (
    <Card withBorder radius="md" padding="md" data-testid="utm-builder">
      <Stack gap="sm">
        <Group gap="xs">
          <IconLink size={18} aria-hidden />
          <Title order={3} size="h5">
            {t('creators.links.title')}
          </Title>
        </Group>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Group align="flex-end" gap="sm">
              <CampaignSelect campaigns={campaigns} value={campaignId} onChange={(id) => void fill(id)} />
              <Button variant="light" leftSection={<IconWand size={16} aria-hidden />} onClick={() => void fill(campaignId)} data-testid="fill-utm">
                {t('creators.links.fill')}
              </Button>
            </Group>
            <TextInput
              label={t('creators.links.baseUrl')}
              placeholder="https://shop.example/page"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.currentTarget.value)}
              error={baseError}
              data-testid="utm-base-url"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {PARAMS.map((p) => (
                <TextInput
                  key={p}
                  label={`utm_${p}`}
                  description={t(`creators.links.hint.${p}`)}
                  value={params[p]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setParams((current) => ({ ...current, [p]: value }));
                  }}
                  error={paramError(p)}
                  data-testid={`utm-${p}`}
                />
              ))}
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t('creators.links.rule')}
            </Text>
            {built !== undefined && (
              <Stack gap={4} data-testid="utm-preview">
                <Group gap={6} wrap="nowrap" align="center">
                  <Code block style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="utm-preview-url">
                    {built.url}
                  </Code>
                  <CopyButton value={built.url} label={t('creators.links.copyPreview')} testId="copy-preview" />
                </Group>
                <Normalised link={built} />
              </Stack>
            )}
            {add.error !== null && baseError === undefined && PARAMS.every((p) => paramError(p) === undefined) && (
              <Alert color="red" variant="light">
                {describeError(add.error, i18n).message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" disabled={baseUrl.trim() === '' || typedUrlBad} loading={add.isPending} data-testid="save-link">
                {t('creators.links.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        {links.length > 0 && (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {links.map((link) => (
                <Table.Tr key={link.id} data-testid="link-row">
                  <Table.Td>
                    <Stack gap={2}>
                      <Anchor href={link.url} target="_blank" rel="noreferrer noopener" size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="link-url">
                        {link.url}
                      </Anchor>
                      <Normalised link={link} />
                    </Stack>
                  </Table.Td>
                  <Table.Td w={80}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <CopyButton value={link.url} label={t('creators.links.copy')} testId="copy-link" />
                      <ActionIcon variant="subtle" color="gray" onClick={() => remove.mutate(link.id)} aria-label={t('creators.links.delete')}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
