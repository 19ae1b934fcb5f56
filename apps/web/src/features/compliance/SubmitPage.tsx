import {
  CONTENT_CHANNELS,
  CONTENT_TYPES,
  type ContentChannel,
  type ContentType,
} from '@linli/contracts/compliance';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { KEY, submitCopy } from './api.ts';
import { CopyEditor } from './CopyEditor.tsx';

interface Fields {
  type: ContentType;
  channel: ContentChannel;
  title: string;
  productId?: string;
  campaignId?: string;
}

/** 16 random bytes as hex (randomUUID needs a secure context; a console on a LAN address is not one). */
const randomHex = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** 提交文案: the copy is checked as one types, then submitted into the three stages. */
export default function SubmitPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Fields>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  // one id per form: a double click or a retried request lands on the same item
  const clientId = useRef(`web-${randomHex()}`);

  const send = async () => {
    const f = await form.validateFields();
    setBusy(true);
    try {
      const d = await submitCopy({
        ...f,
        productId: f.productId || null,
        campaignId: f.campaignId || null,
        text,
        clientId: clientId.current,
      });
      message.success(t('compliance.submit.sent', { verdict: t(`compliance.verdict.${d.item.verdict}`) }));
      await client.invalidateQueries({ queryKey: [KEY] });
      navigate(`/compliance/items/${encodeURIComponent(d.item.id)}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Flex vertical gap={2} style={{ padding: '8px 0' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('compliance.submit.title')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>
            {t('compliance.submit.subtitle')}
          </Typography.Text>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ type: 'push', channel: 'app_push', title: '' }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="type" label={t('compliance.submit.type')} rules={[{ required: true }]}>
              <Select
                data-testid="submit-type"
                options={CONTENT_TYPES.map((v) => ({ value: v, label: t(`compliance.types.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="channel" label={t('compliance.submit.channel')} rules={[{ required: true }]}>
              <Select
                data-testid="submit-channel"
                options={CONTENT_CHANNELS.map((v) => ({ value: v, label: t(`compliance.channels.${v}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('compliance.submit.name')}>
              <Input maxLength={200} data-testid="submit-title" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('compliance.submit.text')} required>
          <CopyEditor value={text} onChange={setText} placeholder={t('compliance.submit.placeholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="productId" label={t('compliance.submit.productId')}>
              <Input maxLength={128} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="campaignId" label={t('compliance.submit.campaignId')}>
              <Input maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          data-testid="submit-send"
          loading={busy}
          disabled={text.trim() === ''}
          onClick={() => void send()}
        >
          {t('compliance.submit.send')}
        </Button>
      </Form>
    </Card>
  );
}
