import type { TextAnalysisResult } from '@linli/contracts/text';
import { useMutation } from '@tanstack/react-query';
import { Button, Descriptions, Flex, Input } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { analyzeText } from './api.ts';
import { AspectTags, IntensityValue, RiskTags, SentimentTag } from './TextBits.tsx';

/** Analyse a text on the spot: what the scorer would store for it (nothing is stored). */
export function TryText() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const run = useMutation({ mutationFn: analyzeText });
  const r: TextAnalysisResult | undefined = run.data;
  return (
    <Flex vertical gap={12}>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        value={text}
        placeholder={t('texts.tryPlaceholder')}
        onChange={(e) => setText(e.target.value)}
        data-testid="try-text"
      />
      <div>
        <Button
          type="primary"
          loading={run.isPending}
          disabled={!text.trim()}
          onClick={() => run.mutate(text)}
          data-testid="try-analyze"
        >
          {t('texts.analyze')}
        </Button>
      </div>
      {r && (
        <Descriptions size="small" column={1} bordered data-testid="try-result">
          <Descriptions.Item label={t('texts.sentiment')}>
            <SentimentTag label={r.label} probability={r.probability} />
          </Descriptions.Item>
          <Descriptions.Item label={t('texts.intensity')}>
            <IntensityValue value={r.intensity} />
          </Descriptions.Item>
          <Descriptions.Item label={t('texts.aspects')}>
            <AspectTags aspects={r.aspects} />
          </Descriptions.Item>
          <Descriptions.Item label={t('texts.riskHits')}>
            <RiskTags hits={r.riskHits} />
          </Descriptions.Item>
        </Descriptions>
      )}
    </Flex>
  );
}
