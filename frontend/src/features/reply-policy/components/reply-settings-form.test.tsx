import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import type { ReplySettings } from '../types';
import { ReplySettingsForm } from './reply-settings-form';

/** backend.DefaultApprovalPolicy and DefaultRateLimits, as GetSettings returns them. */
function defaults(): ReplySettings {
  return {
    policy: {
      kinds: ['money', 'legal', 'refund', 'personal_data', 'negative_sentiment', 'danger', 'influencer', 'ai_generated', 'qa_sample'],
      extra_legal_words: {},
      qa_sample_rate: 0.1,
      autopilot: [],
      disclosure: {
        mode: 'prefix',
        prefix: { fr: 'Réponse automatisée :', en: 'Automated reply:' },
        footer: { fr: "— Message envoyé avec l'aide d'un assistant.", en: '— Sent with the help of an assistant.' },
        notice: { fr: "Bonjour, je suis l'assistant de l'équipe. Répondez STOP pour arrêter.", en: "Hi, I'm the team's assistant. Reply STOP to stop." },
      },
    },
    limits: { per_contact_per_hour: 3, per_channel_per_minute: 20, max_automated_streak: 2 },
  };
}

function fakeRepliesBackend() {
  return installFakeDesktop({
    Replies: {
      UpdateSettings: (settings: ReplySettings) => {
        const bad = Object.values(settings.policy.extra_legal_words)
          .flat()
          .find((word) => word !== null && word.length > 10);
        if (bad !== undefined && bad !== null) {
          throw new BackendRejection({ code: 'EINVALID', message: `Invalid legal word "${bad}".`, key: 'approval_legal_word_invalid', params: { word: bad } });
        }
        return settings;
      },
    },
  });
}

describe('ReplySettingsForm', () => {
  it('saves the reasons, QA rate, autopilot rules, disclosure and limits together', async () => {
    const fake = fakeRepliesBackend();
    const { user } = renderWithProviders(<ReplySettingsForm settings={defaults()} />);
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();

    await user.click(screen.getByRole('switch', { name: /^Written by AI/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Autopilot for Support on Instagram' }));
    expect(screen.queryByRole('checkbox', { name: /Autopilot for Spam/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /Autopilot for Danger/ })).not.toBeInTheDocument();

    const rate = screen.getByRole('textbox', { name: 'QA sample rate' });
    expect(rate).toHaveValue('10 %');
    await user.clear(rate);
    await user.type(rate, '25');

    await user.click(screen.getByRole('radio', { name: /^After the reply/ }));
    expect(screen.getByRole('textbox', { name: 'Closing sentence (French)' })).toHaveValue("— Message envoyé avec l'aide d'un assistant.");

    await user.click(screen.getByRole('textbox', { name: 'French words' }));
    await user.keyboard('avocat{Enter}');

    const perContact = screen.getByRole('textbox', { name: 'Per contact per hour' });
    await user.clear(perContact);
    await user.type(perContact, '5');

    await user.click(save);
    const expected = defaults();
    expected.policy.kinds = expected.policy.kinds.filter((kind) => kind !== 'ai_generated');
    expected.policy.extra_legal_words = { fr: ['avocat'], en: [] };
    expected.policy.qa_sample_rate = 0.25;
    expected.policy.autopilot = [{ intent: 'support', platform: 'instagram' }];
    expected.policy.disclosure.mode = 'footer';
    expected.limits.per_contact_per_hour = 5;
    await waitFor(() => expect(fake.Replies.UpdateSettings).toHaveBeenCalledWith(expected));
    expect(await screen.findByText('Reply settings saved.')).toBeInTheDocument();
  });

  it('warns when a reason the field guide requires is turned off, and cancels back to the saved settings', async () => {
    fakeRepliesBackend();
    const { user } = renderWithProviders(<ReplySettingsForm settings={defaults()} />);
    const money = screen.getByRole('switch', { name: /^Money/ });
    await user.click(money);
    expect(screen.getByText(/never go out without a human\. Turned off: Money\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(money).toBeChecked();
    expect(screen.queryByText(/Turned off:/)).not.toBeInTheDocument();
  });

  it('refuses an empty disclosure text or an out-of-range limit before asking the backend', async () => {
    const fake = fakeRepliesBackend();
    const { user } = renderWithProviders(<ReplySettingsForm settings={defaults()} />);
    const notice = screen.getByRole('textbox', { name: 'Notice (English)' });
    await user.clear(notice);
    const streak = screen.getByRole('textbox', { name: 'In a row without a human message' });
    await user.clear(streak);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(notice).toHaveAttribute('aria-invalid', 'true');
    expect(notice).toHaveAccessibleDescription(expect.stringContaining('the disclosure needs it in French and in English (“en” is missing)'));
    expect(streak).toHaveAttribute('aria-invalid', 'true');
    expect(streak).toHaveAccessibleDescription(expect.stringContaining('Automated replies in a row without a human message: 1 to 20.'));
    expect(screen.getByText('Some fields need your attention.')).toBeInTheDocument();
    expect(fake.Replies.UpdateSettings).not.toHaveBeenCalled();

    await user.type(notice, 'Hello!');
    expect(notice).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a refusal from the backend on the field it names, in the interface language', async () => {
    await i18n.changeLanguage('fr');
    const fake = fakeRepliesBackend();
    const { user } = renderWithProviders(<ReplySettingsForm settings={defaults()} />);
    const english = screen.getByRole('textbox', { name: 'Mots en anglais' });
    await user.click(english);
    await user.keyboard('solicitor-general{Enter}');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(fake.Replies.UpdateSettings).toHaveBeenCalled());
    await waitFor(() => expect(english).toHaveAttribute('aria-invalid', 'true'));
    const group = english.closest('.mantine-TagsInput-root');
    expect(within(group as HTMLElement).getByText('Mot juridique « solicitor-general » invalide : de 1 à 80 caractères.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Mots en français' })).not.toHaveAttribute('aria-invalid', 'true');
  });
});
