import { Flex, Progress, Tag, Tooltip } from 'antd';
import { pct } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { RISK_COLOR, riskLevel } from './types.ts';

/** Churn risk as a coloured bar with its level (高/中/低). */
export function ChurnRisk({ risk, width = 120 }: { risk: number; width?: number }) {
  const { t } = useI18n();
  const level = riskLevel(risk);
  return (
    <Flex gap={8} align="center" data-testid="churn-risk" data-risk={risk}>
      <Progress
        percent={Math.round(risk * 100)}
        strokeColor={RISK_COLOR[level]}
        showInfo={false}
        size="small"
        style={{ width, margin: 0 }}
      />
      <Tooltip title={t('values.churnRiskHint')}>
        <Tag color={RISK_COLOR[level]} style={{ marginInlineEnd: 0 }}>
          {t(`values.risk.${level}`)} {pct(risk, 0)}
        </Tag>
      </Tooltip>
    </Flex>
  );
}
