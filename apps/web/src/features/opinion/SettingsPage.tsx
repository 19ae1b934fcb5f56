import type { OpinionSettings } from '@linli/contracts/opinion';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { useI18n, type MessageKey } from '../../app/i18n.tsx';
import { QueryState } from '../../app/states.tsx';
import { newWebhookSecret, OPINION_KEY, saveSettings, useSettings } from './api.ts';

const NUMBERS = [
  'scaleHouseholds',
  'scaleWindowHours',
  'groupWindowHours',
  'ackMinutes',
  'resolveMinutes',
  'closeMinutes',
] as const;
const WEBHOOK_SOURCES = ['review', 'complaint', 'group_message', 'cs_message', 'social_post'] as const;

function SettingsForm({ s }: { s: OpinionSettings }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [secret, setSecret] = useState<{ source: string; secret: string } | null>(null);
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    // the robot URL is shown masked: an unchanged mask keeps the stored one
    const url = v.wecomWebhookUrl as string | undefined;
    try {
      await saveSettings({
        ...Object.fromEntries(NUMBERS.map((k) => [k, v[k]])),
        ...(url === s.wecomWebhookUrl ? {} : { wecomWebhookUrl: url ? url : null }),
        oncallExecutive: (v.oncallExecutive as string) || null,
      });
      message.success(t('opinion.settings.saved'));
      await client.invalidateQueries({ queryKey: [OPINION_KEY, 'settings'] });
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Card size="small">
        <Form form={form} layout="vertical" initialValues={s} onFinish={() => void save()}>
          <Flex wrap gap={16}>
            {NUMBERS.map((k) => (
              <Form.Item
                key={k}
                name={k}
                label={t(`opinion.settings.${k}` as MessageKey)}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} style={{ width: 200 }} />
              </Form.Item>
            ))}
          </Flex>
          <Form.Item
            name="wecomWebhookUrl"
            label={t('opinion.settings.wecom')}
            extra={t('opinion.settings.wecomTip')}
          >
            <Input allowClear />
          </Form.Item>
          <Form.Item name="oncallExecutive" label={t('opinion.settings.oncall')}>
            <Input allowClear style={{ width: 240 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('opinion.settings.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('opinion.settings.secrets')}>
        <Flex vertical gap={12}>
          <Space wrap>
            {WEBHOOK_SOURCES.map((src) => (
              <Button
                key={src}
                onClick={() =>
                  void newWebhookSecret(src).then(setSecret, (e: Error) => message.error(e.message))
                }
              >
                {t('opinion.settings.secretFor', { source: t(`opinion.sources.${src}`) })}
                {s.webhookSources.includes(src) && <Tag style={{ marginLeft: 6 }}>✓</Tag>}
              </Button>
            ))}
          </Space>
          {secret && (
            <Alert
              type="warning"
              showIcon
              message={t('opinion.settings.secretShown')}
              description={
                <Typography.Text copyable code>
                  {secret.secret}
                </Typography.Text>
              }
            />
          )}
        </Flex>
      </Card>
    </Flex>
  );
}

/** 响应设置: the scale rule, windows and SLA minutes, the WeCom robot, the on-call executive, webhook secrets. */
export default function SettingsPage() {
  const { t } = useI18n();
  const q = useSettings();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('opinion.settings.title')}
      </Typography.Title>
      <QueryState query={q}>{(s) => <SettingsForm s={s} />}</QueryState>
    </Flex>
  );
}
