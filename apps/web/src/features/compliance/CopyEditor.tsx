import { CheckCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Flex, List, Typography } from 'antd';
import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveScan } from './api.ts';
import { CategoryTag, HighlightedText, type Hit } from './bits.tsx';
import { applySuggestion, suggestionAction } from './highlight.ts';

/** Textarea and the layer behind it must lay text out identically for the underlines to line up. */
const LAYOUT: CSSProperties = {
  boxSizing: 'border-box',
  width: '100%',
  margin: 0,
  padding: '8px 11px',
  fontFamily: 'inherit',
  fontSize: 15,
  lineHeight: 1.8,
  letterSpacing: 'normal',
  whiteSpace: 'pre-wrap',
  overflowWrap: 'break-word',
  wordBreak: 'break-word',
  borderWidth: 1,
  borderStyle: 'solid',
  borderRadius: 6,
  scrollbarGutter: 'stable',
};

const MAX_HEIGHT = 420;

/**
 * The copy as one types it, checked as one types: the hits are underlined in a layer behind a
 * transparent textarea (so the text stays editable and selectable), listed below with the law and
 * a one-click rewrite where the suggestion is a rewrite.
 */
export function CopyEditor({
  value,
  onChange,
  testId = 'copy-editor',
  placeholder,
}: {
  value: string;
  onChange: (text: string) => void;
  testId?: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const area = useRef<HTMLTextAreaElement>(null);
  const back = useRef<HTMLDivElement>(null);
  const { hits, verdict, pending } = useLiveScan(value);

  // grow with the text up to a limit, then scroll (the layer follows the textarea's scroll)
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(Math.max(el.scrollHeight + 2, 132), MAX_HEIGHT)}px`;
    if (back.current) back.current.scrollTop = el.scrollTop;
  }, [value]);

  const apply = (h: Hit) => {
    const next = applySuggestion(value, h);
    if (next !== null) onChange(next);
  };

  return (
    <Flex vertical gap={8}>
      <div style={{ position: 'relative' }}>
        <div
          ref={back}
          aria-hidden
          style={{
            ...LAYOUT,
            position: 'absolute',
            inset: 0,
            overflow: 'hidden',
            color: 'transparent',
            borderColor: 'transparent',
            pointerEvents: 'none',
          }}
        >
          <HighlightedText text={value} hits={hits} transparentText />
          {/* a trailing newline in the textarea still takes a line */}
          {'\u200b'}
        </div>
        <textarea
          ref={area}
          data-testid={testId}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (back.current) back.current.scrollTop = e.currentTarget.scrollTop;
          }}
          style={{
            ...LAYOUT,
            position: 'relative',
            display: 'block',
            resize: 'none',
            overflowY: 'auto',
            background: 'transparent',
            borderColor: '#d9d9d9',
            color: 'rgba(0,0,0,0.88)',
            caretColor: 'rgba(0,0,0,0.88)',
            outline: 'none',
          }}
        />
      </div>
      <Flex justify="space-between" align="center" data-testid="scan-status" data-verdict={verdict ?? ''}>
        <Typography.Text type={hits.length ? 'danger' : 'secondary'}>
          {pending && value.trim() !== '' ? (
            <>
              <LoadingOutlined /> {t('compliance.submit.checking')}
            </>
          ) : hits.length ? (
            <>
              <WarningOutlined /> {t('compliance.submit.hits', { n: hits.length })}
            </>
          ) : value.trim() !== '' ? (
            <>
              <CheckCircleOutlined style={{ color: '#00a870' }} /> {t('compliance.submit.clean')}
            </>
          ) : null}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('compliance.submit.chars', { n: [...value].length })}
        </Typography.Text>
      </Flex>
      {hits.length > 0 && (
        <List
          size="small"
          bordered
          data-testid="live-hits"
          dataSource={hits}
          renderItem={(h) => (
            <List.Item
              actions={
                suggestionAction(h)
                  ? [
                      <Button
                        key="apply"
                        size="small"
                        type="link"
                        data-testid="apply-suggestion"
                        onClick={() => apply(h)}
                      >
                        {suggestionAction(h) === 'remove'
                          ? t('compliance.hit.remove')
                          : t('compliance.hit.apply')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={2}>
                <span>
                  <CategoryTag category={h.category} />
                  <Typography.Text strong>{h.term}</Typography.Text>{' '}
                  <Typography.Text type={h.severity === 'block' ? 'danger' : 'warning'}>
                    {t(`compliance.severity.${h.severity}`)}
                  </Typography.Text>
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('compliance.hit.law')}：{h.law} · {t('compliance.hit.suggestion')}：{h.suggestion}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
