import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RegionalView } from './RegionalView';

/** The regional view for people signed in: the same published figures as the public page. */
export function RegionalPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <div>
        <Title order={2}>{t('regional.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('regional.intro')}
        </Text>
      </div>
      <RegionalView releaseLink={(id) => `/public/statistics/${id}`} />
    </Stack>
  );
}
