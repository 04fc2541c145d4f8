import {
  IconBrandFacebook,
  IconBrandInstagram,
  IconBrandLinkedin,
  IconBrandMessenger,
  IconBrandTelegram,
  IconBrandTiktok,
  IconBrandWhatsapp,
  IconBrandYoutube,
  IconMessageCircle,
  type Icon,
} from '@tabler/icons-react';

const PLATFORM_ICONS: Record<string, { icon: Icon; color: string }> = {
  instagram: { icon: IconBrandInstagram, color: 'var(--mantine-color-pink-6)' },
  facebook: { icon: IconBrandFacebook, color: 'var(--mantine-color-blue-6)' },
  messenger: { icon: IconBrandMessenger, color: 'var(--mantine-color-indigo-5)' },
  tiktok: { icon: IconBrandTiktok, color: 'var(--mantine-color-text)' },
  youtube: { icon: IconBrandYoutube, color: 'var(--mantine-color-red-6)' },
  whatsapp: { icon: IconBrandWhatsapp, color: 'var(--mantine-color-green-6)' },
  telegram: { icon: IconBrandTelegram, color: 'var(--mantine-color-cyan-6)' },
  linkedin: { icon: IconBrandLinkedin, color: 'var(--mantine-color-blue-8)' },
};

/** The platform's logo in its colour; `label` names it for screen readers. */
export function PlatformIcon({ platform, label, size = 16 }: { platform: string; label?: string; size?: number }) {
  const { icon: PlatformLogo, color } = PLATFORM_ICONS[platform] ?? { icon: IconMessageCircle, color: 'var(--mantine-color-dimmed)' };
  return (
    <PlatformLogo
      size={size}
      color={color}
      stroke={1.8}
      style={{ flexShrink: 0 }}
      role={label === undefined ? undefined : 'img'}
      aria-label={label}
      aria-hidden={label === undefined ? true : undefined}
    >
      {label !== undefined && <title>{label}</title>}
    </PlatformLogo>
  );
}
