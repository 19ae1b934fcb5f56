import type { NpsSurveyPublic } from '@linli/contracts/opinion';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Input, Result, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { get, post } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

const SCORES = Array.from({ length: 11 }, (_, i) => i);
/** Detractors red, passives amber, promoters green: the scale reads at a glance on a phone. */
const scoreColour = (s: number) => (s <= 6 ? '#e34d59' : s <= 8 ? '#f59a23' : '#00a870');

/**
 * The member's survey page (H5): reached by the link in a message, no login, phone-sized. The token
 * in the address is the only key; the page shows nothing personal, as links get forwarded.
 */
export default function NpsPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    // the page fills a phone screen edge to edge (the console's body keeps the browser's margin)
    const before = document.body.style.margin;
    document.body.style.margin = '0';
    return () => {
      document.body.style.margin = before;
    };
  }, []);
  const survey = useQuery({
    queryKey: ['nps', token],
    queryFn: () => get<NpsSurveyPublic>(`/api/v1/nps/${encodeURIComponent(token)}`),
    retry: false,
  });
  const answer = useMutation({
    mutationFn: () => post<{ class: string }>(`/api/v1/nps/${encodeURIComponent(token)}`, { score, reason }),
  });
  const frame = (children: React.ReactNode) => (
    <div style={{ minHeight: '100vh', background: '#f5f7f6', display: 'flex', justifyContent: 'center' }}>
      <div style={{ width: '100%', maxWidth: 480, padding: '24px 16px' }} data-testid="nps-page">
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 20 }}>
          <div
            style={{
              width: 32,
              height: 32,
              borderRadius: 8,
              background: '#00a870',
              color: '#fff',
              display: 'grid',
              placeItems: 'center',
              fontWeight: 700,
            }}
          >
            邻
          </div>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {t('opinion.nps.title')}
          </Typography.Text>
        </div>
        {children}
      </div>
    </div>
  );
  if (survey.isPending) return frame(<Spin />);
  if (survey.error) return frame(<Result status="warning" title={t('opinion.nps.invalid')} />);
  const s = survey.data;
  if (answer.isSuccess)
    return frame(
      <Result
        status="success"
        title={t('opinion.nps.thanks')}
        subTitle={answer.data.class === 'detractor' ? t('opinion.nps.thanksDetractor') : undefined}
        data-testid="nps-thanks"
      />,
    );
  if (s.answered) return frame(<Result status="info" title={t('opinion.nps.answered')} />);
  if (s.expired) return frame(<Result status="warning" title={t('opinion.nps.expired')} />);
  return frame(
    <div style={{ background: '#fff', borderRadius: 12, padding: 20 }}>
      {s.communityName && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {s.communityName}
        </Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('opinion.nps.question')}
      </Typography.Title>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr)', gap: 8, margin: '16px 0 6px' }}>
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            onClick={() => setScore(n)}
            data-testid={`score-${n}`}
            aria-pressed={score === n}
            style={{
              height: 44,
              borderRadius: 8,
              fontSize: 17,
              fontWeight: 600,
              cursor: 'pointer',
              border: `1.5px solid ${score === n ? scoreColour(n) : '#d9d9d9'}`,
              background: score === n ? scoreColour(n) : '#fff',
              color: score === n ? '#fff' : '#262626',
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          fontSize: 12,
          color: '#8c8c8c',
          marginBottom: 16,
        }}
      >
        <span>0 {t('opinion.nps.low')}</span>
        <span>10 {t('opinion.nps.high')}</span>
      </div>
      <Typography.Text>{t('opinion.nps.reason')}</Typography.Text>
      <Input.TextArea
        rows={4}
        maxLength={1000}
        showCount
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('opinion.nps.reasonPlaceholder')}
        style={{ margin: '8px 0 20px', fontSize: 16 }}
        data-testid="nps-reason"
      />
      {answer.error && (
        <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }}>
          {answer.error.message}
        </Typography.Text>
      )}
      <Button
        type="primary"
        block
        size="large"
        disabled={score === null}
        loading={answer.isPending}
        onClick={() => answer.mutate()}
        data-testid="nps-submit"
      >
        {score === null ? t('opinion.nps.pick') : t('opinion.nps.submit')}
      </Button>
    </div>,
  );
}
